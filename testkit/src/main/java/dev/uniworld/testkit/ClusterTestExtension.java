package dev.uniworld.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** The JUnit side of {@link ClusterTest}: one invocation per backend, clusters shared through the root store. */
public final class ClusterTestExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestCluster.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(ClusterTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Arrays.stream(Backend.values()).map(Invocation::new);
    }

    /** Closes a shared cluster when the whole test run ends. */
    private record SharedCluster(TestCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }

    private record Invocation(Backend backend) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + backend.name().toLowerCase(java.util.Locale.ROOT) + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            ExecutionCondition availability = context -> {
                Optional<String> reason = backend.unavailableReason();
                if (reason.isPresent()) {
                    System.out.println("SKIPPED " + context.getDisplayName() + ": " + reason.get());
                    return ConditionEvaluationResult.disabled(reason.get());
                }
                return ConditionEvaluationResult.enabled(backend + " backend available");
            };
            ParameterResolver clusterResolver = new ParameterResolver() {
                @Override
                public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
                    return parameter.getParameter().getType() == TestCluster.class;
                }

                @Override
                public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
                    return context.getRoot().getStore(NAMESPACE)
                            .getOrComputeIfAbsent(backend, b -> new SharedCluster(TestCluster.start(b)),
                                    SharedCluster.class)
                            .cluster();
                }
            };
            return List.of(availability, clusterResolver);
        }
    }
}
