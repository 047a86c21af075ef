package dev.uniworld.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test once per {@link Backend}, injecting a {@link TestCluster} parameter. A backend that cannot
 * run here (no Docker) is skipped with its reason printed. Clusters are started once per backend and test run.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(ClusterTestExtension.class)
public @interface ClusterTest {
}
