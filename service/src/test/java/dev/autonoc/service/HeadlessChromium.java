package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Headless Chromium for the console's browser tests: signing in, screenshots kept as test artefacts
 * ({@code target/console-test}), and an accessibility check of the page with axe-core (from its
 * webjar, a test dependency: nothing is fetched at run time). Chromium is required: a test without
 * it fails, it does not skip.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final WebDriver browser;
    private final Path profile;

    public HeadlessChromium(int width, int height) {
        profile = TestDirs.fresh("autonoc-chromium-");
        browser = start(profile, width, height, Map.of());
    }

    /**
     * Headless Chromium with its own profile folder and window size, and the given preferences
     * (downloads, say); required: without Chromium and its driver the test fails, it does not skip.
     */
    static WebDriver start(Path profile, int width, int height, Map<String, Object> prefs) {
        assertThat(CHROMIUM)
                .as(
                        "headless Chromium is needed for the console test: apt-get install -y chromium chromium-driver")
                .isExecutable();
        assertThat(CHROMEDRIVER)
                .as("chromedriver is needed: apt-get install -y chromium-driver")
                .isExecutable();
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
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        if (!prefs.isEmpty()) {
            options.setExperimentalOption("prefs", prefs);
        }
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(browser, PATIENCE);
    }

    public void signIn(String base, String user) {
        signIn(base, user, user);
    }

    /** Signs in with the console's form as {@code user} with {@code password}. */
    public void signIn(String base, String user, String password) {
        browser.get(base + "/login");
        WebDriverWait wait = waiting();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user")));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(user);
    }

    void signOut() {
        browser.findElement(By.cssSelector("form[action$='/logout'] button")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** The page as it is now, as HTML and PNG, under {@code target/console-test}. */
    public void keep(String name) {
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

    /**
     * The page's accessibility violations of impact serious or critical, by axe-core's WCAG 2.x A
     * and AA rules (and its best practices), each as "rule (impact): help: the first nodes".
     */
    public List<String> seriousAccessibilityViolations() {
        script(AXE_SOURCE);
        Object answer =
                ((JavascriptExecutor) browser)
                        .executeAsyncScript(
                                "const done = arguments[arguments.length - 1];"
                                        + " axe.run(document, {resultTypes: ['violations']})"
                                        + ".then(r => done(JSON.stringify(r.violations)))"
                                        + ".catch(e => done('error: ' + e));");
        String text = String.valueOf(answer);
        assertThat(text).as("axe-core ran").doesNotStartWith("error:");
        List<String> found = new ArrayList<>();
        for (JsonNode v : JSON.readTree(text)) {
            String impact = v.path("impact").asString("");
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> where = new ArrayList<>();
                for (JsonNode n : v.path("nodes")) {
                    if (where.size() == 3) {
                        break;
                    }
                    where.add(
                            n.path("target").toString()
                                    + " "
                                    + n.path("failureSummary").asString(""));
                }
                found.add(
                        v.path("id").asString()
                                + " ("
                                + impact
                                + "): "
                                + v.path("help").asString()
                                + ": "
                                + where);
            }
        }
        return found;
    }

    @Override
    public void close() {
        browser.quit();
        deleteProfile(profile);
    }

    /**
     * Removes a profile folder after its browser quit: each test's profile is a few megabytes, and
     * a developer's {@code /tmp} would otherwise collect one per browser test run.
     */
    static void deleteProfile(Path profile) {
        if (profile == null) {
            return;
        }
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .map(Path::toFile)
                    .forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder is untidy, not a test failure
        }
    }

    private static final String AXE_SOURCE = axeSource();

    private static String axeSource() {
        ClassLoader loader = HeadlessChromium.class.getClassLoader();
        try (InputStream pom =
                loader.getResourceAsStream(
                        "META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            assertThat(pom).as("the axe-core webjar on the test class path").isNotNull();
            Properties p = new Properties();
            p.load(pom);
            String path =
                    "META-INF/resources/webjars/axe-core/"
                            + p.getProperty("version")
                            + "/axe.min.js";
            try (InputStream js = loader.getResourceAsStream(path)) {
                assertThat(js).as(path).isNotNull();
                return new String(js.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
