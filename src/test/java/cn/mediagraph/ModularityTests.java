package cn.mediagraph;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layout stays telling: features reach each other only through their public types. */
class ModularityTests {

	@Test
	void featuresDependOnlyOnEachOthersPublicApi() {
		ApplicationModules.of(MediaGraphApplication.class).verify();
	}

	/** Tenancy is enforced in one place: no feature can reach the store around TenantStore. */
	@Test
	void onlyThePlatformTouchesTheStoreDirectly() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackage("cn.mediagraph.platform..")
			.should()
			.dependOnClassesThat()
			.areAssignableTo(MongoOperations.class)
			.orShould()
			.dependOnClassesThat()
			.resideInAPackage("com.mongodb.client..");
		rule.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("cn.mediagraph"));
	}

}
