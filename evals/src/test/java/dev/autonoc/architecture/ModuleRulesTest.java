package dev.autonoc.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import rules of DESIGN.md: agent-core is the hexagon and imports no other module; adapters
 * import agent-core and not each other (simulators may import tools, whose client interfaces it
 * serves); nothing imports service or evals. The evals test class path holds every module but
 * service, which Maven keeps out of everyone's reach.
 */
class ModuleRulesTest {

    static final String CORE = "dev.autonoc.core..";
    static final List<String> ADAPTERS =
            List.of(
                    "dev.autonoc.tools..",
                    "dev.autonoc.simulators..",
                    "dev.autonoc.predictor..",
                    "dev.autonoc.policy..",
                    "dev.autonoc.audit..");

    static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.autonoc");
    }

    @Test
    void the_module_classes_are_all_there_to_be_checked() {
        for (String pkg :
                List.of(
                        "dev.autonoc.core",
                        "dev.autonoc.tools",
                        "dev.autonoc.simulators",
                        "dev.autonoc.predictor",
                        "dev.autonoc.policy",
                        "dev.autonoc.audit",
                        "dev.autonoc.evals")) {
            org.assertj.core.api.Assertions.assertThat(
                            classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of %s on the class path", pkg)
                    .isTrue();
        }
    }

    @Test
    void agent_core_imports_only_the_jdk_jackson_annotations_and_langchain4j() {
        classes()
                .that()
                .resideInAPackage(CORE)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        CORE,
                        "java..",
                        "javax.annotation..",
                        "com.fasterxml.jackson.annotation..",
                        "dev.langchain4j..")
                .check(classes);
    }

    @Test
    void no_adapter_imports_another_but_simulators_importing_tools() {
        for (String adapter : ADAPTERS) {
            for (String other : ADAPTERS) {
                if (adapter.equals(other)
                        || (adapter.equals("dev.autonoc.simulators..")
                                && other.equals("dev.autonoc.tools.."))) {
                    continue;
                }
                noClasses()
                        .that()
                        .resideInAPackage(adapter)
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(other)
                        .because("DESIGN.md: no adapter imports another, except simulators → tools")
                        .check(classes);
            }
        }
    }

    @Test
    void nothing_imports_service_or_evals() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.autonoc.service..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.autonoc.service..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.autonoc.evals..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.autonoc.evals..")
                .check(classes);
    }
}
