package io.auditcover.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The web console end to end in Debian's chromium: the page signs in through window.ethereum (a test
 * wallet injected into the page signs with a fixed key, as a browser wallet's personal_sign would), sees
 * a pool, quotes and buys a cover, and sees it listed; then an oracle confirms an exploit, the buyer settles it from the
 * incidents view and reads the claim's rule-by-rule explanation. The page may load nothing from outside.
 */
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Credentials WALLET = ServiceFixture.randomWallet(7);

    @TempDir
    Path directory;

    @Test
    void a_buyer_signs_in_sees_a_pool_quotes_buys_a_cover_and_sees_it_listed() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM)).as("Debian's chromium at %s (build/test-tools.sh installs it)", CHROMIUM).isTrue();
        try (var service = new ServiceFixture(directory);
                Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                        .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                "--disable-component-update", "--disable-sync", "--no-first-run")))) {
            String base = "http://127.0.0.1:" + service.server.port();
            Page page = browser.newPage();
            var problems = new ArrayList<String>();
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
}
