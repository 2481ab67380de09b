package io.startline.gateway.http;

import io.startline.verifier.BallotVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organiser console driven in a real browser: headless Chromium through the system's
 * chromedriver (Debian's chromium and chromium-driver packages; see the README). A missing
 * browser fails this test: it never skips. Each page's screenshot is kept in
 * gateway/target/console-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SEED = "00ff10ab";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path downloads;

    private TestNode node;
    private WebDriver browser;
    private String admin;
    private String base;

    @BeforeAll
    void startNodeAndBrowser() throws IOException
    {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver; see the README)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver; see the README)").isExecutable();
        node = TestNode.ticking(dataDir);
        admin = node.token(Role.ADMIN, 1);
        base = "http://127.0.0.1:" + node.node.port();
        final ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
            .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US")
            .setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "en-US"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort().build(), options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop()
    {
        if (browser != null)
        {
            browser.quit();
        }
        if (node != null)
        {
            node.close();
        }
    }

    @Test
    @Order(1)
    void anAdminSignsInWithATokenAndSeesTheNodeUp()
    {
        browser.get(base + "/console/");
        waitFor(By.id("token")).sendKeys(admin);
        screenshot("sign-in");
        browser.findElement(By.id("sign-in")).click();
        waitUntil(() -> text(By.id("health")).equals("UP"));
        screenshot("overview");
        assertThat(script("return sessionStorage.getItem('startline.token')")).isEqualTo(admin);
    }

    @Test
    @Order(2)
    void aWrongTokenIsRefusedOnTheSignInPage()
    {
        browser.get(base + "/console/");
        script("sessionStorage.clear()");
        browser.navigate().refresh();
        waitFor(By.id("token")).sendKeys(node.token(Role.PARTICIPANT, 7));
        browser.findElement(By.id("sign-in")).click();
        waitUntil(() -> text(By.cssSelector("#signin .error")).contains("not an admin token"));
        waitFor(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(admin);
        browser.findElement(By.id("sign-in")).click();
        waitUntil(() -> text(By.id("health")).equals("UP"));
    }

    @Test
    @Order(3)
    void anOrganiserCreatesACampaignAndADropAndWatchesTheClaimsRise() throws Exception
    {
        go("#/campaigns");
        waitFor(By.name("name")).sendKeys("Browser test vouchers");
        screenshot("campaigns");
        browser.findElement(By.cssSelector("#campaign-form button[type=submit]")).click();
        waitUntil(() -> browser.getCurrentUrl().matches(".*#/campaigns/\\d+$"));
        final long campaignId = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/", ""));

        waitFor(By.name("tierCode")).sendKeys("T50");
        final WebElement startsAt = waitFor(By.name("startsAt"));
        script("arguments[0].value = arguments[1]", startsAt, localMinute(System.currentTimeMillis() - 120_000));
        browser.findElement(By.name("quantity")).clear();
        browser.findElement(By.name("quantity")).sendKeys("50");
        browser.findElement(By.cssSelector("#drop-form button[type=submit]")).click();
        waitUntil(() -> text(By.id("campaign-drops-table")).contains("Open"));

        final List<Integer> seen = new ArrayList<>();
        final AtomicBoolean claiming = new AtomicBoolean(true);
        final AtomicInteger claimed = new AtomicInteger();
        final Thread claimer = new Thread(() ->
        {
            for (int user = 1; user <= 30 && claiming.get(); user++)
            {
                if (node.post("/api/campaigns/" + campaignId + "/claims", node.token(Role.PARTICIPANT, user),
                    "{\"dropId\":1}").status() == 201)
                {
                    claimed.incrementAndGet();
                }
                pause(100);
            }
        });
        claimer.start();
        waitUntil(() ->
        {
            final int shown = Integer.parseInt(text(By.cssSelector("#figure-claimed b")).replace(",", ""));
            if (seen.isEmpty() || seen.get(seen.size() - 1) != shown)
            {
                seen.add(shown);
            }
            return shown == 30;
        });
        claiming.set(false);
        claimer.join();
        assertThat(claimed.get()).isEqualTo(30);
        assertThat(seen).as("the count the page showed, refreshed while the claims came in").hasSizeGreaterThan(2)
            .isSorted();
        screenshot("campaign");

        go("#/overview");
        waitUntil(() -> text(By.id("drops-table")).contains("Browser test vouchers") &&
            text(By.id("drops-table")).contains("20"));
        screenshot("overview-with-drop");
        settlementDownload(campaignId);
        cancelAScheduledDrop();
    }

    private void cancelAScheduledDrop()
    {
        waitFor(By.name("tierCode")).sendKeys("T50");
        script("arguments[0].value = arguments[1]", waitFor(By.name("startsAt")),
            localMinute(System.currentTimeMillis() + 3_600_000));
        browser.findElement(By.cssSelector("#drop-form button[type=submit]")).click();
        waitUntil(() -> text(By.id("campaign-drops-table")).contains("Scheduled"));
        final String budgetLeft = text(By.cssSelector("#campaign-figures .figure:nth-child(2) b"));
        script("window.confirm = () => true");
        waitFor(By.cssSelector(".cancel-drop")).click();
        waitUntil(() -> text(By.id("campaign-drops-table")).contains("Cancelled") &&
            browser.findElements(By.cssSelector(".cancel-drop")).isEmpty());
        assertThat(budgetLeft).as("100 × ¥50 reserved by the scheduled drop").isEqualTo("2,500.00");
        waitUntil(() -> text(By.cssSelector("#campaign-figures .figure:nth-child(2) b")).equals("7,500.00"));
    }

    private void settlementDownload(final long campaignId) throws IOException
    {
        final List<Long> codes = new ArrayList<>();
        for (final var voucher : node.get("/api/vouchers/me", node.token(Role.PARTICIPANT, 1)).json().get("vouchers"))
        {
            codes.add(voucher.get("voucherCode").asLong());
        }
        assertThat(node.post("/api/redemptions", node.merchant(101), "{\"voucherCode\":\"" + codes.get(0) +
            "\",\"orderAmountFen\":30000,\"merchantTxnId\":\"browser-1\"}").status()).isEqualTo(201);

        go("#/campaigns/" + campaignId);
        waitFor(By.id("settlement")).click();
        final Path csv = downloaded("settlement-campaign-" + campaignId + ".csv");
        assertThat(Files.readAllLines(csv)).containsExactly("storeId,redemptions,orderAmountFen,subsidyFen",
            "101,1,30000,5000", "102,0,0,0");
    }

    @Test
    @Order(4)
    void anOrganiserCreatesARaceUploadsEntitlementsDrawsAndTheVerifierAcceptsTheDownloads() throws Exception
    {
        final long now = System.currentTimeMillis();
        final long closesAt = now + 8_000;
        go("#/races");
        final WebElement json = waitFor(By.id("race-json"));
        script("arguments[0].value = arguments[1]", json, """
            {"name":"Browser 10K","raceDate":"2027-04-12","mode":"LOTTERY","registrationOpensAt":%d,
             "registrationClosesAt":%d,"paymentWindowMs":3600000,"maxGroupSize":2,
             "categories":[{"code":"10K","name":"10 km","capacity":2,"feeFen":8000,"minAge":16,"maxAge":80,"bibFrom":1}]}
            """.formatted(now - 60_000, closesAt));
        screenshot("races");
        browser.findElement(By.cssSelector("#race-form button[type=submit]")).click();
        waitUntil(() -> browser.getCurrentUrl().matches(".*#/races/\\d+$"));
        final long raceId = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/", ""));

        final Path entitlements = downloads.resolve("weights.csv");
        Files.writeString(entitlements, "personId\n" + RaceApiTest.nationalId(1) + "\n" + RaceApiTest.nationalId(2) + "\n");
        waitFor(By.id("entitlements-file")).sendKeys(entitlements.toString());
        browser.findElement(By.name("weight")).sendKeys("3");
        browser.findElement(By.id("upload-entitlements")).click();
        waitUntil(() -> text(By.id("entitlements-result")).equals("Persons granted: 2"));

        for (int person = 1; person <= 5; person++)
        {
            assertThat(node.post("/api/races/" + raceId + "/entries", node.token(Role.PARTICIPANT, 100 + person),
                RaceApiTest.entry("10K", RaceApiTest.nationalId(person), null)).status()).isEqualTo(201);
        }
        waitUntil(() -> text(By.id("entry-list-hash")).matches("[0-9a-f]{64}"));
        final String entryListHash = text(By.id("entry-list-hash"));
        waitFor(By.id("seed")).sendKeys(SEED);
        browser.findElement(By.id("draw")).click();
        waitUntil(() -> text(By.id("ballot-seed")).equals(SEED) && !browser.findElement(By.id("draw-form")).isDisplayed());
        screenshot("race");

        browser.findElement(By.id("download-race")).click();
        browser.findElement(By.id("download-entry-list")).click();
        browser.findElement(By.id("download-results")).click();
        final StringWriter verdict = new StringWriter();
        final int exit = new CommandLine(new BallotVerifier()).setOut(new PrintWriter(verdict))
            .setErr(new PrintWriter(verdict)).execute(
                "--race", downloaded("race-" + raceId + ".json").toString(),
                "--entries", downloaded("entry-list-" + raceId + ".csv").toString(),
                "--results", downloaded("results-" + raceId + ".csv").toString(),
                "--seed", SEED, "--entry-list-hash", entryListHash);
        assertThat(exit).as(verdict.toString()).isZero();
        assertThat(verdict.toString()).contains("OK: 5 of 5 rows match the draw recomputed from seed " + SEED);
    }

    @Test
    @Order(5)
    void anOrganiserCreatesAVenueAndSeesAHoldAppearOnItsGrid()
    {
        go("#/venues");
        screenshot("venues");
        waitFor(By.cssSelector("#venue-form button[type=submit]")).click();
        waitUntil(() -> browser.getCurrentUrl().matches(".*#/venues/\\d+$"));
        final long venueId = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/", ""));

        // The template's venue is at UTC+8, open 08:00 to 22:00: tomorrow at 10:00 there is released.
        final LocalDate tomorrow = LocalDate.now(ZoneOffset.ofHours(8)).plusDays(1);
        final long startAt = tomorrow.atTime(LocalTime.of(10, 0)).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
        script("arguments[0].value = arguments[1]", waitFor(By.id("grid-date")), tomorrow.toString());
        waitUntil(() -> text(By.id("held-count")).startsWith("0"));
        assertThat(node.post("/api/venues/" + venueId + "/holds", node.token(Role.PARTICIPANT, 501),
            "{\"resourceCode\":\"T1\",\"startAt\":" + startAt + ",\"slots\":1}").status()).isEqualTo(201);
        waitUntil(() -> text(By.id("held-count")).startsWith("1") &&
            !browser.findElements(By.cssSelector("#grid td[data-status=HELD]")).isEmpty());
        screenshot("venue-grid");
    }

    @Test
    @Order(6)
    void theConsoleSpeaksChineseWhenAskedTo()
    {
        go("#/overview");
        waitFor(By.id("language")).click();
        waitUntil(() -> text(By.cssSelector("header nav a[href='#/overview']")).equals("总览") &&
            text(By.cssSelector("main h1")).equals("数据看板"));
        waitUntil(() -> text(By.id("health")).equals("UP"));
        screenshot("overview-zh-CN");
        browser.findElement(By.id("language")).click();
        waitUntil(() -> text(By.cssSelector("main h1")).equals("Overview"));
    }

    private void go(final String hash)
    {
        browser.get(base + "/console/" + hash);
    }

    private WebElement waitFor(final By by)
    {
        return new WebDriverWait(browser, WAIT).until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed)
            .findFirst().orElse(null));
    }

    /** Waits for the condition; on a timeout, keeps a screenshot and says what the page's error boxes said. */
    private void waitUntil(final BooleanSupplier condition)
    {
        try
        {
            new WebDriverWait(browser, WAIT).ignoring(RuntimeException.class).until(d -> condition.getAsBoolean());
        }
        catch (final TimeoutException ex)
        {
            screenshot("failed-" + System.currentTimeMillis());
            final String errors = browser.findElements(By.cssSelector(".error")).stream().map(WebElement::getText)
                .filter(text -> !text.isBlank()).toList().toString();
            throw new AssertionError("the page never got there; its errors: " + errors + " at " +
                browser.getCurrentUrl(), ex);
        }
    }

    private String text(final By by)
    {
        return browser.findElement(by).getText().trim();
    }

    private Object script(final String js, final Object... args)
    {
        return ((JavascriptExecutor)browser).executeScript(js, args);
    }

    private Path downloaded(final String name)
    {
        final Path file = downloads.resolve(name);
        waitUntil(() -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    private void screenshot(final String name)
    {
        try
        {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot)browser).getScreenshotAs(OutputType.BYTES));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** What a datetime-local input holds for this instant in the browser's zone (the JVM's here). */
    private static String localMinute(final long epochMs)
    {
        return java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMs), java.time.ZoneId.systemDefault())
            .withSecond(0).withNano(0).toString();
    }

    private static void pause(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
