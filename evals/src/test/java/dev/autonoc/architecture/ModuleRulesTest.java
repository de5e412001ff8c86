package dev.autonoc.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.jspecify.annotations.NullMarked;
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

    /** The root package of each module on this class path. */
    static final List<String> MODULES =
            List.of(
                    "dev.autonoc.core",
                    "dev.autonoc.tools",
                    "dev.autonoc.simulators",
                    "dev.autonoc.predictor",
                    "dev.autonoc.policy",
                    "dev.autonoc.audit",
                    "dev.autonoc.evals");

    static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        // agent-core's test-jar (its port contracts) is on this class path as a
                        // jar when the reactor has packaged it; it is test code all the same
                        .withImportOption(location -> !location.contains("-tests.jar"))
                        .importPackages("dev.autonoc");
    }

    @Test
    void the_module_classes_are_all_there_to_be_checked() {
        for (String pkg : MODULES) {
            org.assertj.core.api.Assertions.assertThat(
                            classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of %s on the class path", pkg)
                    .isTrue();
        }
    }

    /**
     * Jackson 3's databind for the LLM planner's JSON (tool arguments, recordings), as the rest of
     * the project writes JSON; the core's records stay free of it.
     */
    @Test
    void agent_core_imports_only_the_jdk_jackson_jspecify_and_langchain4j() {
        classes()
                .that()
                .resideInAPackage(CORE)
                .and()
                .resideOutsideOfPackage("dev.autonoc.core.planner.llm..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        CORE,
                        "java..",
                        "javax.annotation..",
                        "com.fasterxml.jackson.annotation..",
                        "org.jspecify.annotations..",
                        "dev.langchain4j..")
                .check(classes);
        classes()
                .that()
                .resideInAPackage("dev.autonoc.core.planner.llm..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        CORE,
                        "java..",
                        "javax.annotation..",
                        "org.jspecify.annotations..",
                        "tools.jackson..",
                        "dev.langchain4j..")
                .check(classes);
    }

    /**
     * NullAway checks agent-core's main code only where a package says {@code @NullMarked}: a new
     * package without it would be unchecked without anyone noticing.
     */
    @Test
    void every_agent_core_package_is_null_marked() {
        List<String> unmarked =
                classes.stream()
                        .filter(c -> c.getPackageName().startsWith("dev.autonoc.core"))
                        .map(JavaClass::getPackage)
                        .distinct()
                        .filter(p -> !p.isAnnotatedWith(NullMarked.class))
                        .map(p -> p.getName())
                        .sorted()
                        .toList();
        org.assertj.core.api.Assertions.assertThat(unmarked)
                .as("agent-core packages without @NullMarked in their package-info.java")
                .isEmpty();
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

    @Test
    void the_packages_of_each_module_depend_on_each_other_without_cycles() {
        // agent-core included: CaseId lives at core's root and the step records and exclusions
        // that cases and plan both read in core.casefile, so a CaseRecord holding a Plan, a Plan
        // naming its CaseId and an IdempotencyKey naming its case make no cycle
        for (String module : MODULES) {
            slices().assignedFrom(packagesOf(module)).should().beFreeOfCycles().check(classes);
        }
    }

    @Test
    void the_twins_core_never_imports_the_http_facade() {
        noClasses()
                .that()
                .resideInAPackage("dev.autonoc.simulators")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.autonoc.simulators.http..")
                .because("the façade sits over the twin (OperatorTwin, OssBss), never inside it")
                .check(classes);
    }

    /**
     * One slice per package of a module, its root package included (a pattern such as {@code
     * root.(*)..} would leave the root's classes out of every slice, and so out of every cycle).
     */
    private static SliceAssignment packagesOf(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(root) || p.startsWith(root + ".")
                        ? SliceIdentifier.of(p)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + root;
            }
        };
    }
}
