package io.auditcover.pricing;

import io.auditcover.money.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A priced offer and its full explanation: the risk (rate, probability, payout ratio, every factor), the breakdown of the
 * premium, the market prices (technical, target, base charged, bumped after) and utilisation surge (part of the market
 * adjustment), the findings-based cover limit, and the versions it was priced under. Valid until {@code validUntil}; its {@link #id()} binds its terms.
 */
public record Quote(
        String poolId, String protocolId, Money amount, int periodDays, Instant pricedAt, Instant validUntil, String parametersVersion,
        long marketVersion, MarketParameters.Mode mode, Risk risk, PriceBreakdown breakdown, long technicalPriceBps,
        long targetPriceBps, long basePriceBps, long bumpedPriceAfterBps, Money surgePremium, Money coverLimit) {

    public Money premium() {
        return breakdown.premium();
    }

    /** The quote id: what a buyer hands back to buy at exactly this premium. */
    public String id() {
        return idOf(poolId, protocolId, amount, periodDays, breakdown.premium(), validUntil, parametersVersion);
    }

    /**
     * The digest that binds a quote: SHA-256 over its pool, protocol, amount, period, premium, expiry and parameter version,
     * first 128 bits in hex. The engine re-derives it from what a purchase carries; any changed term gives another id.
     */
    public static String idOf(String poolId, String protocolId, Money amount, int periodDays, Money premium, Instant validUntil,
            String parametersVersion) {
        String canonical = String.join("|", "quote-v1", poolId, protocolId, amount.asset().code(), Long.toString(amount.units()),
                Integer.toString(periodDays), Long.toString(premium.units()), Long.toString(validUntil.getEpochSecond()), parametersVersion);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
