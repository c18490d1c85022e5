package com.caddyshop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The layout rules of DESIGN.md ("Package by feature"), checked on the compiled classes. */
class ArchitectureTest {
    private static final String ROOT = "com.caddyshop";
    private static final String PLATFORM = "platform";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    /** Every top-level package under the root but platform, found in the classes: a new feature is covered unlisted. */
    private static final Set<String> FEATURES = CLASSES.stream()
            .map(ArchitectureTest::featureOf)
            .filter(feature -> !feature.isEmpty() && !feature.equals(PLATFORM))
            .collect(Collectors.toCollection(TreeSet::new));

    private static String featureOf(JavaClass type) {
        String rest = type.getPackageName().startsWith(ROOT + ".") ? type.getPackageName().substring(ROOT.length() + 1) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String[] featurePackages() {
        return FEATURES.stream().map(feature -> ROOT + "." + feature + "..").toArray(String[]::new);
    }

    /** Guards the rules below against a derivation that finds nothing (they would then pass vacuously). */
    @Test
    void theFeaturesAreTheTopLevelPackagesButPlatform() {
        assertThat(FEATURES).contains("accounts", "addresses", "cart", "catalog", "mail", "orders", "ops", "payments")
                .doesNotContain(PLATFORM, "");
    }

    @Test
    void featuresCallEachOthersServicesNeverEachOthersDaos() {
        ArchCondition<JavaClass> useNoOtherFeaturesDao = new ArchCondition<>("use no other feature's DAO") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                type.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass();
                    String targetFeature = featureOf(target);
                    if (target.getSimpleName().endsWith("Dao") && FEATURES.contains(targetFeature)
                            && !targetFeature.equals(featureOf(type))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
        ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().resideInAPackage(ROOT + "..").should(useNoOtherFeaturesDao);
        rule.check(CLASSES);
    }

    @Test
    void platformDependsOnNoFeature() {
        noClasses().that().resideInAPackage(ROOT + ".platform..")
                .should().dependOnClassesThat().resideInAnyPackage(featurePackages())
                .check(CLASSES);
    }

    /** DESIGN.md: the generic cache pieces live in platform, so any feature's cached read path can use them. */
    @Test
    void theCachePiecesImportNoFeature() {
        noClasses().that().resideInAPackage(ROOT + ".platform.cache..")
                .should().dependOnClassesThat().resideInAnyPackage(featurePackages())
                .check(CLASSES);
    }

    /**
     * DESIGN.md: each room receives only its own settings. The root package holds the whole configuration
     * and the application that hands each room its part; platform reading either would be the one arrow
     * that runs back up.
     */
    @Test
    void platformDependsNotOnTheRootPackage() {
        noClasses().that().resideInAPackage(ROOT + ".platform..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(CLASSES);
    }

    @Test
    void resourcesReachTheDatabaseOnlyThroughServices() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Dao")
                .check(CLASSES);
    }

    @Test
    void daosKnowNothingAboutHttp() {
        noClasses().that().haveSimpleNameEndingWith("Dao")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void featuresDoNotDependOnEachOtherInCircles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
