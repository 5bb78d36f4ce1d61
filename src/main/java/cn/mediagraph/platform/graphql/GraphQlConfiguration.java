package cn.mediagraph.platform.graphql;

import java.util.List;

import cn.mediagraph.platform.mongo.StoreDurability;
import cn.mediagraph.platform.security.ClientAddresses;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.PropertyDataFetcher;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/** Scalars, global ids and the limits that keep one request from taking the server down. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphQlLimits.class)
class GraphQlConfiguration {

	@Bean
	RuntimeWiringConfigurer scalars() {
		return wiring -> wiring.scalar(DateTimeScalar.INSTANCE);
	}

	/**
	 * Controller methods run on the thread of the request that asks for them. With virtual
	 * threads on (Java 21+), Boot hands Spring for GraphQL the application's task executor, and
	 * every controller method then ran on a further virtual thread, completing through a future:
	 * the newsroom list measured 1,172 requests/s that way against 1,769 with platform threads
	 * (Java 25, one core). The request's thread is already virtual then, so blocking on it costs
	 * nothing; the request timeout ({@link RequestTimeout}) cancels work on it as well as work
	 * that completes elsewhere.
	 */
	@Bean
	static BeanPostProcessor controllersOnTheRequestThread() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String name) {
				if (bean instanceof AnnotatedControllerConfigurer controllers) {
					controllers.setBlockingMethodPredicate(method -> false);
				}
				return bean;
			}

		};
	}

	/**
	 * Global ids, connections' own fields on a failed page ({@link EmptyConnectionFields}), the
	 * parsed-document cache with trusted documents, queries run by {@link PlainFieldsExecution}
	 * (with the exception handler Spring for GraphQL makes of the same resolvers), and the
	 * instrumentation unwrapped: Spring for GraphQL puts the instrumentations in a
	 * {@link ChainedInstrumentation} even when there is one, and the chain's bookkeeping runs on
	 * every field of every result.
	 */
	@Bean
	GraphQlSourceBuilderCustomizer globalIdsAndParsedDocuments(GraphQlLimits limits, List<Instrumentation> instrumentations,
			ObjectProvider<DataFetcherExceptionResolver> exceptionResolvers) {
		TrustedDocuments documents = new TrustedDocuments(TrustedDocuments.load(limits.trustedDocuments()),
				limits.trustedDocumentsOnly(), new ParsedDocumentCache());
		return builder -> builder.typeVisitors(List.of(new GlobalIdVisitor(), new EmptyConnectionFields())).configureGraphQl(graphQl -> {
			graphQl.preparsedDocumentProvider(documents);
			graphQl.queryExecutionStrategy(new PlainFieldsExecution(
					DataFetcherExceptionResolver.createExceptionHandler(exceptionResolvers.orderedStream().toList())));
			if (instrumentations.size() == 1) {
				graphQl.instrumentation(instrumentations.get(0));
			}
		});
	}

	/**
	 * GraphQL over HTTP as Boot sets it up, with answers written by {@link GraphQlJsonWriter}
	 * (requests are read by Jackson, as before).
	 */
	@Bean
	GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler handler, JsonMapper mapper) {
		return new GraphQlHttpHandler(handler, new GraphQlJsonWriter(new JacksonJsonHttpMessageConverter(mapper)));
	}

	@Bean
	CostBudgets costBudgets(GraphQlLimits limits, MongoTemplate mongo) {
		return new CostBudgets(limits.budget(), mongo);
	}

	/** One instrumentation for every limit: chained instrumentations were measurably slower. */
	@Bean
	QueryLimitsInstrumentation queryLimits(GraphQlLimits limits, CostBudgets budgets) {
		return new QueryLimitsInstrumentation(limits, (context, cost) -> {
			String key = context.get(GraphQlRequestGuard.BUDGET_KEY);
			if (key != null) {
				budgets.charge(key, cost);
			}
		});
	}

	/** Operations running per caller, over HTTP and WebSocket together. */
	@Bean
	RunningRequests runningRequests(GraphQlLimits limits) {
		return new RunningRequests(limits.maxConcurrentPerUser());
	}

	@Bean
	GraphQlRequestInterceptor requestLimits(GraphQlLimits limits, ClientAddresses addresses, CostBudgets budgets,
			RunningRequests running, StoreDurability durability) {
		return new GraphQlRequestInterceptor(limits, addresses, budgets, running, durability);
	}

	/** Past the timeout the caller gets 503, its execution cancelled; MongoDB commands stop at their own time limit. */
	@Bean
	RequestTimeout requestTimeout(GraphQlLimits limits) {
		return new RequestTimeout(limits.timeout(), HttpStatus.SERVICE_UNAVAILABLE);
	}

	/** After Spring Security's filters, so a signed-in caller is known. */
	@Bean
	FilterRegistrationBean<GraphQlRequestGuard> graphQlRequestGuard(GraphQlLimits limits, CostBudgets budgets,
			RunningRequests running, ClientAddresses addresses, Environment environment) {
		String path = environment.getProperty("spring.graphql.http.path", "/graphql");
		FilterRegistrationBean<GraphQlRequestGuard> registration = new FilterRegistrationBean<>(
				new GraphQlRequestGuard(limits, budgets, running, addresses, path));
		registration.addUrlPatterns(path);
		registration.setOrder(0);
		return registration;
	}

	/**
	 * Every object type that implements {@code Node} exposes its document id as a global id, so
	 * no controller has to remember to encode it.
	 */
	static final class GlobalIdVisitor extends GraphQLTypeVisitorStub {

		@Override
		public TraversalControl visitGraphQLObjectType(GraphQLObjectType type,
				TraverserContext<GraphQLSchemaElement> context) {
			boolean node = type.getInterfaces().stream().anyMatch(i -> i.getName().equals("Node"));
			if (node) {
				GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
				registry.dataFetcher(FieldCoordinates.coordinates(type.getName(), "id"), encoding(type.getName()));
			}
			return TraversalControl.CONTINUE;
		}

		private static DataFetcher<String> encoding(String typeName) {
			return new GlobalIdFetcher(typeName, PropertyDataFetcher.fetching("id"));
		}

	}

	/**
	 * Encodes an object's id, reading nothing but the object: trivial, so Spring for GraphQL
	 * does not capture and restore the request's context around it (twenty stories with their
	 * channels have sixty ids; each capture cost more than the encoding).
	 */
	record GlobalIdFetcher(String typeName, PropertyDataFetcher<?> raw) implements PlainDataFetcher<String> {

		@Override
		public String get(DataFetchingEnvironment env) throws Exception {
			return GlobalId.encode(typeName, String.valueOf(raw.get(env)));
		}

		@Override
		public Object plainValue(GraphQLFieldDefinition field, Object source, @Nullable Object localContext) throws Exception {
			return GlobalId.encode(typeName, String.valueOf(PlainFieldsExecution.property(raw, field, source)));
		}

	}

}
