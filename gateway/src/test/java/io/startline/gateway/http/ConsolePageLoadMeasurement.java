package io.startline.gateway.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A measurement, not a test (benchmarks are not tests): each console page's load time against a
 * running node, and optionally the overview held open while a load runs. Run on purpose:
 * <pre>
 * mvn -B -ntp -o test -pl gateway -Dtest=ConsolePageLoadMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dstartline.console.measure=http://localhost:8080 -Dstartline.console.token=$ADMIN_TOKEN \
 *     [-Dstartline.console.holdOverviewSeconds=60]
 * </pre>
 * A page's load time is from the navigation's start to the console's {@code startline:page-drawn}
 * mark, set when the page's first figures are drawn (its API calls answered); the browser, the
 * node and the build share the machine.
 */
@EnabledIfSystemProperty(named = "startline.console.measure", matches = "http.*")
class ConsolePageLoadMeasurement
{
    private static final int LOADS_PER_PAGE = 7;
    private static final List<String> PAGES = List.of("#/overview", "#/campaigns", "#/campaigns/1", "#/races",
        "#/races/1", "#/venues", "#/venues/1");

    @Test
    void measure() throws Exception
    {
        final String base = System.getProperty("startline.console.measure");
        final WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(),
            new ChromeOptions().setBinary(new File("/usr/bin/chromium")).addArguments("--headless=new", "--no-sandbox",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US"));
        try
        {
            browser.get(base + "/console/");
            ((JavascriptExecutor)browser).executeScript("sessionStorage.setItem('startline.token', arguments[0])",
                System.getProperty("startline.console.token"));
            final Map<String, Double> medians = new LinkedHashMap<>();
            for (final String page : PAGES)
            {
                final List<Double> loads = new ArrayList<>();
                for (int i = 0; i < LOADS_PER_PAGE; i++)
                {
                    browser.get("about:blank");
                    browser.get(base + "/console/" + page);
                    loads.add(drawnMs(browser));
                }
                medians.put(page, loads.stream().sorted().toList().get(LOADS_PER_PAGE / 2));
                System.out.printf("page-load %-16s median %6.1f ms of %s%n", page, medians.get(page), loads);
            }
            browser.get(base + "/console/#/overview");
            drawnMs(browser);
            Thread.sleep(2_500);
            final Path screenshots = Files.createDirectories(Path.of("target", "console-screenshots"));
            Files.write(screenshots.resolve("overview-demo.png"),
                ((TakesScreenshot)browser).getScreenshotAs(OutputType.BYTES));
            holdOverview(browser);
        }
        finally
        {
            browser.quit();
        }
    }

    private static double drawnMs(final WebDriver browser)
    {
        return ((Number)new WebDriverWait(browser, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(5))
            .until(d -> ((JavascriptExecutor)d).executeScript(
                "const m = performance.getEntriesByName('startline:page-drawn'); return m.length ? m[0].startTime : null"))
        ).doubleValue();
    }

    /** The overview left open, refreshing every second, for a load run beside it. */
    private static void holdOverview(final WebDriver browser) throws InterruptedException
    {
        final long seconds = Long.getLong("startline.console.holdOverviewSeconds", 0);
        if (seconds > 0)
        {
            System.out.println("overview open for " + seconds + " s");
            Thread.sleep(seconds * 1000);
            System.out.println("overview health at the end: " + browser.findElement(By.id("health")).getText());
        }
    }
}
