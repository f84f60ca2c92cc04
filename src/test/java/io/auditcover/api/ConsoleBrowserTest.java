package io.auditcover.api;

import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static io.auditcover.api.ServiceFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.auditcover.engine.Command;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The web console end to end in Debian's chromium: the page signs in through window.ethereum (a test
 * wallet injected into the page signs with a fixed key, as a browser wallet's personal_sign would), sees
 * a pool, quotes and buys a cover, and sees it listed; then an oracle confirms an exploit, the buyer settles it from the
 * incidents view and reads the claim's rule-by-rule explanation. The solvency view, on that business plus a second, thinly
 * capitalised pool and a recorded run, shows each pool's SCR and solvency ratio as the API reports them, the run they came
 * from, the exceedance chart, capital by listing and a red bar when the ratio is below the pool's minimum; an operator's key
 * runs the model again from the page. The claims register view, with an operator's key, lists every claim with its dates,
 * amounts and reason code and the loss development triangle; the protocols view shows each recorded scope check. The page
 * may load nothing from outside.
 */
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Credentials WALLET = ServiceFixture.randomWallet(7);
    static final String THIN_POOL = "long-tail";

    @TempDir
    Path directory;

    private static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    private static Browser chromium(Playwright playwright) {
        assertThat(Files.isExecutable(CHROMIUM)).as("Debian's chromium at %s (build/test-tools.sh installs it)", CHROMIUM).isTrue();
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A page that notes every console error, page error and request to another host in {@code problems}. */
    private static Page page(Browser browser, List<String> problems) {
        Page page = browser.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                problems.add("console: " + message.text());
            }
        });
        page.onPageError(error -> problems.add("page error: " + error));
        page.onRequest(request -> {
            String host = URI.create(request.url()).getHost();
            if (host != null && !host.equals("127.0.0.1")) {
                problems.add("request outside the server: " + request.url());
            }
        });
        return page;
    }

    @Test
    void a_buyer_signs_in_sees_a_pool_quotes_buys_a_cover_and_sees_it_listed() throws Exception {
        try (var service = new ServiceFixture(directory); Playwright playwright = playwright(); Browser browser = chromium(playwright)) {
            String base = "http://127.0.0.1:" + service.server.port();
            var problems = new ArrayList<String>();
            Page page = page(browser, problems);
            page.exposeFunction("auditcoverTestSign", arguments -> {
                String hex = ((String) arguments[0]).substring(2);
                return ServiceFixture.sign(WALLET, new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8));
            });
            String address = ServiceFixture.address(WALLET);
            page.addInitScript("window.ethereum = { request: async ({ method, params }) => {"
                    + " if (method === 'eth_requestAccounts') return ['" + address + "'];"
                    + " if (method === 'personal_sign') return await window.auditcoverTestSign(params[0]);"
                    + " throw new Error('unsupported ' + method); } };");

            page.navigate(base + "/");
            var pool = page.locator(".card.pool[data-pool='" + ServiceFixture.POOL + "']");
            pool.waitFor();
            assertThat(pool.innerText()).contains("Capital", "NAV per share", "999,000 USDC");
            assertThat(page.locator(".card.pool canvas").count()).isGreaterThanOrEqualTo(2);

            page.click("#sign-in");
            page.waitForCondition(() -> page.locator("#who").innerText().equals(address));

            page.click("nav a[data-view='protocols']");
            page.locator("#quote-pool option").first().waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            page.selectOption("#quote-pool", ServiceFixture.POOL);
            page.selectOption("#quote-protocol", ServiceFixture.PROTOCOL);
            page.fill("#quote-amount", "2500");
            page.fill("#quote-days", "60");
            page.click("#quote-button");
            page.locator("#quote-premium").waitFor();
            assertThat(page.locator("#quote-premium").innerText()).contains("Premium", "2,500 USDC", "60 days");

            // before buying: what depositors would recover under this amount, as the API computes it
            page.fill("#depositor-exposed", "10000");
            page.fill("#depositor-losses", "3000, 1000");
            page.click("#depositor-button");
            page.locator("#depositor-summary").waitFor();
            JsonNode recovery = service.get("/api/quotes/depositor-recovery?pool_id=" + ServiceFixture.POOL + "&protocol_id="
                    + ServiceFixture.PROTOCOL + "&asset=USDC&amount=2500&exposed_funds=10000&losses=3000,1000", null).body();
            assertThat(recovery.get("average_clause").asBoolean()).isTrue();
            assertThat(page.locator("#depositor-summary").innerText()).contains("average clause", shown(recovery.get("loss_counted")));
            for (int i = 0; i < 2; i++) {
                assertThat(page.locator("[data-recovery='" + i + "']").innerText()).isEqualTo(shown(recovery.get("depositors").get(i).get("recovery")));
            }

            page.click("#buy-button");
            var row = page.locator("#cover-table tbody tr").first();
            row.waitFor();
            assertThat(page.locator("#notice").innerText()).contains("bought");
            assertThat(row.innerText()).contains(address, ServiceFixture.PROTOCOL, "2,500 USDC", "active");
            assertThat(page.locator("#cover-table tbody tr").count()).isEqualTo(1);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/console-covers.png")).setFullPage(true));

            service.clock.advance(java.time.Duration.ofMinutes(40));
            var incident = service.incident("console-exploit", io.auditcover.claims.Cause.REENTRANCY);
            service.submit(new io.auditcover.engine.Command.ReportIncident("console-report", incident));
            service.submit(new io.auditcover.engine.Command.AttestIncident("console-attest", incident.id(),
                    io.auditcover.chain.IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true, ServiceFixture.ORACLE.getEcKeyPair())));
            page.click("nav a[data-view='incidents']");
            var incidentRow = page.locator("#incident-table tr[data-incident='console-exploit']");
            incidentRow.waitFor();
            assertThat(incidentRow.innerText()).contains("lendwell", "reentrancy", "1 of 1 signed", "final");
            incidentRow.locator("button.settle").click();
            page.waitForCondition(() -> page.locator("#notice").innerText().contains("settled"));
            assertThat(page.locator("#notice").innerText()).contains("2 claims decided, 2 paid");
            page.click("nav a[data-view='claims']");
            var claimRow = page.locator("#claim-table tbody tr").first();
            claimRow.waitFor();
            assertThat(claimRow.innerText()).contains("console-exploit", "parametric", "decided", "250 USDC", "approved");
            claimRow.locator("button.explain").click();
            page.locator("#rule-table tbody tr").first().waitFor();
            assertThat(page.locator("#rule-table tbody tr").count()).isEqualTo(io.auditcover.claims.Rule.values().length);
            assertThat(page.locator("#rule-table tbody tr.verdict-passed").count()).isEqualTo(io.auditcover.claims.Rule.values().length);
            assertThat(page.locator("#rule-table").innerText()).contains("exploited code in audited scope", "in_scope");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/console-claims.png")).setFullPage(true));
            page.click("nav a[data-view='overview']");
            pool.waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/console-overview.png")).setFullPage(true));
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void the_solvency_view_shows_each_pools_scr_and_ratio_against_its_minimum_with_the_run_they_came_from() throws Exception {
        try (var service = new ServiceFixture(directory); Playwright playwright = playwright();
                Browser browser = chromium(playwright)) {
            thinPool(service);
            var problems = new ArrayList<String>();
            Page page = page(browser, problems);
            page.navigate("http://127.0.0.1:" + service.server.port() + "/#solvency");
            page.locator("#solvency-run .no-run").waitFor();
            assertThat(page.locator("#solvency-run").innerText()).contains("No solvency run recorded yet");
            assertThat(page.locator(".card.solvency .no-run").count()).isEqualTo(2);

            assertThat(service.post("/api/protocols/" + PROTOCOL + "/dependencies", service.operatorKey,
                    "{\"fork\":\"Compound V2\",\"oracle\":\"Chainlink\"}", null).status()).isEqualTo(201);
            assertThat(service.post("/api/pools/" + POOL + "/reinsurance", service.operatorKey, "{\"retention\":{\"amount\":\"1000\","
                    + "\"asset\":\"USDC\"},\"limit\":{\"amount\":\"5000\",\"asset\":\"USDC\"},\"annual_premium\":{\"amount\":\"100\","
                    + "\"asset\":\"USDC\"},\"reinstatements\":1}", null).status()).isEqualTo(201);
            var run = service.post("/api/solvency/runs", service.operatorKey, "{\"years\":2000,\"seed\":9}", null);
            assertThat(run.status()).as("%s", run.body()).isEqualTo(201);
            String runId = run.body().get("run_id").asText();
            // the gate holds capital over required capital (the run's, plus what covers sold since were charged) to the pool's
            // minimum: the thin pool's minimum is set above what it holds, the fixture pool's far below
            String thinRatio = service.get("/api/pools/" + THIN_POOL + "/solvency", null).body().get("now").get("capital_over_required")
                    .asText();
            String above = "10";
            assertThat(new BigDecimal(thinRatio)).as("the thin pool's capital over required").isLessThan(new BigDecimal(above));
            policy(service, THIN_POOL, above);
            policy(service, POOL, "1.5");

            page.reload();
            page.locator("#solvency-run .run-id").waitFor();
            assertThat(page.locator("#solvency-run").innerText()).contains(runId, "seed 9", "2,000 years",
                    run.body().get("model_version").asText());

            for (String poolId : new String[] {POOL, THIN_POOL}) {
                JsonNode figures = service.get("/api/pools/" + poolId + "/solvency", null).body().get("figures");
                Locator card = page.locator(".card.solvency[data-pool='" + poolId + "']");
                assertThat(card.locator("[data-figure='scr']").innerText()).as(poolId).isEqualTo(shown(figures.get("scr")));
                assertThat(card.locator("[data-figure='solvency_ratio']").innerText()).as(poolId)
                        .isEqualTo(figures.get("solvency_ratio").asText());
                assertThat(card.locator(".run-id").innerText()).as(poolId).isEqualTo(runId);
                assertThat(card.locator(".exceedance canvas").count()).as(poolId).isGreaterThanOrEqualTo(1);
                assertThat(card.locator(".capital-by-listing tbody tr").first().innerText()).as(poolId).contains(PROTOCOL);
            }
            JsonNode reinsured = service.get("/api/pools/" + POOL + "/solvency", null).body().get("figures").get("reinsurance");
            Locator reinsuredCard = page.locator(".card.solvency[data-pool='" + POOL + "']");
            assertThat(reinsuredCard.locator("[data-figure='capital_saved']").innerText()).isEqualTo(shown(reinsured.get("capital_saved")));
            assertThat(reinsuredCard.locator("[data-figure='reinsurance_premium']").innerText()).isEqualTo(shown(reinsured.get("annual_premium")));
            assertThat(page.locator(".card.solvency[data-pool='" + THIN_POOL + "'] [data-figure='capital_saved']").count()).isZero();
            Locator thinRatioBar = page.locator(".card.solvency[data-pool='" + THIN_POOL + "'] .gauge[data-gauge='capital_over_required_now']");
            assertThat(thinRatioBar.getAttribute("class")).contains("below");
            assertThat(thinRatioBar.innerText()).contains(thinRatio + "×", "below the minimum " + above + "×");
            assertThat(page.locator(".card.solvency[data-pool='" + POOL + "'] .gauge.below").count()).isZero();
            assertThat(page.locator(".dependency-group[data-kind='fork']").innerText()).contains("Compound V2");
            assertThat(page.locator(".dependency-group[data-kind='auditor']").innerText()).contains("Trail of Bits");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/console-solvency.png")).setFullPage(true));

            page.fill("#operator-key", service.operatorKey);
            page.fill("#run-years", "1000");
            page.fill("#run-seed", "11");
            page.click("#run-now");
            page.waitForCondition(() -> page.locator("#notice").innerText().contains("recorded"));
            String again = service.get("/api/solvency", null).body().get("run").get("run_id").asText();
            assertThat(again).isNotEqualTo(runId);
            page.waitForCondition(() -> page.locator("#solvency-run .run-id").innerText().equals(again));
            assertThat(page.locator("#solvency-run").innerText()).contains("seed 11", "1,000 years");
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void the_claims_register_view_lists_a_claim_with_its_dates_amounts_and_reason_and_the_loss_development_triangle() throws Exception {
        try (var service = new ServiceFixture(directory); Playwright playwright = playwright(); Browser browser = chromium(playwright)) {
            assertThat(service.post("/api/scope-checks", service.operatorKey, "{\"chain_id\":1,\"address\":\"" + ServiceFixture.CONTRACT.substring(2)
                    + "\",\"block\":150,\"in_scope\":true,\"audit_id\":\"lendwell-audit-1\",\"evidence\":\"diffed against the audited"
                    + " commit 9f2c4e1a\"}", null).status()).isEqualTo(201);
            JsonNode entry = service.get("/api/claims/register", service.operatorKey).body().get("items").get(0);
            var problems = new ArrayList<String>();
            Page page = page(browser, problems);
            page.navigate("http://127.0.0.1:" + service.server.port() + "/#register");
            page.locator("#register-claims .hint").waitFor();
            // An auditor's key: the register is what the people who audit the insurer read.
            page.fill("#register-key", service.server.accessStore().createKey("audit-firm", io.auditcover.access.Role.AUDITOR, java.time.Instant.now()));
            page.click("#register-load");
            var row = page.locator("#register-table tr[data-claim='" + service.claimId + "']");
            row.waitFor();
            assertThat(row.innerText()).contains("fixture-exploit", PROTOCOL, "parametric", entry.get("reason_code").asText(),
                    entry.at("/dates/occurred").asText().substring(0, 16).replace('T', ' '),
                    entry.at("/dates/paid").asText().substring(0, 16).replace('T', ' '),
                    shown(Json.object().put("amount", entry.at("/amounts/paid").asText()).put("asset", "USDC")));
            var triangle = page.locator("#loss-development .triangle[data-asset='USDC']");
            assertThat(triangle.innerText()).contains(entry.at("/dates/occurred").asText().substring(0, 7));
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/console-register.png")).setFullPage(true));
            var download = page.waitForDownload(() -> page.click("#register-csv"));
            assertThat(download.suggestedFilename()).isEqualTo("claims-register.csv");
            String[] lines = java.nio.file.Files.readString(download.path()).split("\r\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).isEqualTo(String.join(",", RegisterCsv.REGISTER_HEADER));

            page.click("nav a[data-view='protocols']");
            var checks = page.locator("tr[data-protocol='" + PROTOCOL + "'] .recorded-checks");
            page.waitForCondition(() -> checks.innerText().contains("diffed against the audited commit 9f2c4e1a"));
            assertThat(checks.innerText()).contains("at block 150: in scope of lendwell-audit-1");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/console-scope-checks.png")).setFullPage(true));
            assertThat(problems).isEmpty();
        }
    }

    /** A pool holding 500 USDC, levered 20 times, with 4 000 of cover sold on the fixture's protocol paying half at an exploit. */
    private static void thinPool(ServiceFixture service) {
        service.submit(new Command.CreatePool("thin-pool", THIN_POOL, USDC, new PoolRules(Ratio.whole(20), Ratio.whole(1), Duration.ofDays(14))));
        service.submit(new Command.ListProtocol("thin-listing", THIN_POOL, PROTOCOL, 400));
        service.submit(new Command.SetClaimTerms("thin-terms", THIN_POOL, PROTOCOL,
                io.auditcover.claims.ClaimTerms.parametric(Ratio.of(1, 2), Money.zero(USDC))));
        service.submit(new Command.Deposit("thin-deposit", THIN_POOL, ServiceFixture.address(ServiceFixture.UNDERWRITER),
                Money.whole(USDC, 500)));
        service.submit(new Command.BuyCover("thin-cover", ServiceFixture.address(ServiceFixture.OTHER_BUYER), THIN_POOL, PROTOCOL,
                Money.whole(USDC, 4_000), 90));
    }

    private static void policy(ServiceFixture service, String poolId, String minimum) {
        var answer = service.post("/api/pools/" + poolId + "/solvency-policy", service.operatorKey,
                "{\"minimum_solvency_ratio\":\"" + minimum + "\",\"dependency_caps\":{\"fork\":\"0.5\"}}", null);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
    }

    /** A money figure as the console shows it: the amount grouped in thousands, then the asset. */
    private static String shown(JsonNode money) {
        var format = NumberFormat.getNumberInstance(Locale.US);
        format.setMaximumFractionDigits(6);
        return format.format(new BigDecimal(money.get("amount").asText())) + " " + money.get("asset").asText();
    }
}
