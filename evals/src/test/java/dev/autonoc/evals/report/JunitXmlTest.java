package dev.autonoc.evals.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void one_test_case_per_scenario_and_planner_failing_when_a_seed_failed() throws Exception {
        EvalReport report =
                new EvalReport(
                        List.of("playbook", "oracle"),
                        2,
                        List.of(
                                Runs.passed("a", 1, "playbook", 0),
                                Runs.failed("a", 2, "playbook", 10),
                                Runs.passed("b", 1, "playbook", 0),
                                Runs.passed("b", 2, "playbook", 0),
                                RunReport.error("a", 1, "oracle", "boom <&>", 0.1),
                                Runs.passed("a", 2, "oracle", 0),
                                Runs.passed("b", 1, "oracle", 0),
                                Runs.passed("b", 2, "oracle", 0)),
                        List.of(Runs.failed("a", 1, "reactive", 1)),
                        4.0);
        Document doc = parse(JunitXml.xml(report));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("4");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).as("the baselines are not tests").isEqualTo(2);
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        Element a = (Element) cases.item(0);
        assertThat(a.getAttribute("classname")).isEqualTo("autonoc.eval.playbook");
        assertThat(a.getAttribute("name")).isEqualTo("a");
        Element failure = (Element) a.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("1 of 2 seeds failed: seed 2");
        assertThat(failure.getTextContent()).contains("max_failures: expected 0, measured 1");
        Element b = (Element) cases.item(1);
        assertThat(b.getElementsByTagName("failure").getLength()).isZero();
        Element error = (Element) ((Element) cases.item(2)).getElementsByTagName("error").item(0);
        assertThat(error.getTextContent()).contains("boom <&>");
    }
}
