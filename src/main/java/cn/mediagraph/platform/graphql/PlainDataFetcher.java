package cn.mediagraph.platform.graphql;

import graphql.TrivialDataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A field whose value comes from its object (and the local context handed down to it) alone,
 * at once, with no side effect: a global id, a channel loaded ahead. {@link PlainFieldsExecution}
 * completes objects made only of such fields (and of properties) without graphql-java's
 * per-field bookkeeping. Since it is plain, it may be asked more than once for one object.
 */
public interface PlainDataFetcher<T> extends TrivialDataFetcher<T> {

	/** The answer of {@link #plainValue} when this object's field needs the full engine (a loader, say). */
	Object DECLINED = PlainFieldsExecution.DECLINED;

	/**
	 * The field's value for this object, or {@link #DECLINED}: the engine then runs
	 * {@link #get(graphql.schema.DataFetchingEnvironment)} instead, with the whole environment.
	 */
	@Nullable Object plainValue(GraphQLFieldDefinition field, Object source, @Nullable Object localContext) throws Exception;

}
