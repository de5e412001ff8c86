package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for a console test outside {@link ConsoleBrowserTest} (a service started with
 * other settings): required, so a test without it fails rather than skips ({@code apt-get install
 * -y chromium chromium-driver}).
 */
final class HeadlessChromium implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver browser;
    private final String base;

    private HeadlessChromium(WebDriver browser, String base) {
        this.browser = browser;
        this.base = base;
    }

    /** A fresh browser (its own profile) for the service at {@code base}. */
    static HeadlessChromium open(String base) throws IOException {
        assertThat(CHROMIUM)
                .as("headless Chromium is needed: apt-get install -y chromium chromium-driver")
                .isExecutable();
        assertThat(CHROMEDRIVER)
                .as("chromedriver is needed: apt-get install -y chromium-driver")
                .isExecutable();
        Path profile = Files.createTempDirectory("autonoc-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .build();
        return new HeadlessChromium(new ChromeDriver(service, options), base);
    }

    WebDriverWait patiently() {
        return new WebDriverWait(browser, PATIENCE);
    }

    /**
     * Signs in on the console's form as a demo user (password = name) and waits for the overview.
     */
    void signIn(String user) {
        browser.get(base + "/");
        patiently()
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("sign-in")).click();
        patiently().until(ExpectedConditions.visibilityOfElementLocated(By.id("approvals-title")));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(user);
    }

    void visit(String path) {
        browser.get(base + path);
    }

    /**
     * The page as HTML and a screenshot, in {@code target/console-test/NAME.*}, for people
     * reviewing a run; a courtesy, so a failure to write them is not the test's.
     */
    void keepEvidence(String name) {
        try {
            Path dir = Path.of("target", "console-test");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".html"), browser.getPageSource());
            Files.write(
                    dir.resolve(name + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            // the evidence is a courtesy; the test's own failure is what matters
        }
    }

    @Override
    public void close() {
        browser.quit();
    }
}
