package io.auditcover.api;

import io.auditcover.claims.ClaimRegister;
import io.auditcover.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;

/**
 * The claims register and the loss development triangles as RFC 4180 CSV, for auditors' spreadsheets: one header row, one row
 * per claim (or per asset and incident month); a date or amount that does not apply is an empty field. Amounts are decimal in
 * the claim's asset, dates ISO-8601 in UTC. The API serves them ({@code GET /api/claims/register.csv}) and so does the command line
 * ({@code claims register --csv}).
 */
public final class RegisterCsv {
    public static final List<String> REGISTER_HEADER = List.of("claim_id", "cover_id", "holder", "pool_id", "protocol_id", "incident_id",
            "trigger", "stage", "reason_code", "asset", "occurred_at", "reported_at", "confirmed_at", "filed_at", "decided_at", "paid_at",
            "claimed", "proven", "approved", "paid", "deductible", "shortfall", "recovered");

    /** RFC 4180: comma separated, CRLF line ends, fields quoted only where they need it. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private RegisterCsv() {
    }

    public static void register(Appendable out, List<ClaimRegister.Entry> entries) {
        try {
            FORMAT.printRecord(out, REGISTER_HEADER.toArray());
            for (ClaimRegister.Entry e : entries) {
                FORMAT.printRecord(out, e.claimId(), e.coverId(), e.holder(), e.poolId(), e.protocolId(), e.incidentId(),
                        e.trigger().name().toLowerCase(Locale.ROOT), e.stage().name().toLowerCase(Locale.ROOT), e.reasonCode(), e.asset().code(),
                        date(e.occurredAt()), date(e.reportedAt()), date(e.confirmedAt()), date(e.filedAt()), date(e.decidedAt()),
                        date(e.paidAt()), amount(e.claimed()), amount(e.proven()), amount(e.approved()), amount(e.paid()), amount(e.deductible()),
                        amount(e.shortfall()), amount(e.recovered()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every triangle in one table: asset, incident month, then cumulative paid by development month 0, 1, ... */
    public static void triangles(Appendable out, List<ClaimRegister.Triangle> triangles) {
        int width = triangles.stream().mapToInt(ClaimRegister.Triangle::developmentMonths).max().orElse(1);
        var header = new ArrayList<String>(List.of("asset", "incident_month"));
        for (int month = 0; month < width; month++) {
            header.add("development_month_" + month);
        }
        try {
            FORMAT.printRecord(out, header.toArray());
            for (ClaimRegister.Triangle triangle : triangles) {
                for (ClaimRegister.Row row : triangle.rows()) {
                    var record = new ArrayList<String>(List.of(triangle.asset().code(), row.incidentMonth().toString()));
                    for (int month = 0; month < width; month++) {
                        record.add(month < row.cumulativePaid().size() ? row.cumulativePaid().get(month).toDecimalString() : "");
                    }
                    FORMAT.printRecord(out, record.toArray());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The media type of the CSV downloads. */
    static final String TEXT_CSV = "text/csv; charset=utf-8";

    /** A CSV download's reply. */
    static Route.Reply reply(CharSequence csv) {
        return new Route.Reply(200, TEXT_CSV, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    }

    private static String date(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static String amount(Money money) {
        return money == null ? "" : money.toDecimalString();
    }
}
