package cn.mediagraph.platform.graphql;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.function.Supplier;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import org.jspecify.annotations.Nullable;

/**
 * The data fetcher of every field that no controller maps: it reads the source object's
 * property of the field's name, as graphql-java's own default does, but finds the reader once
 * per class instead of once per value. graphql-java's default builds a cache key string from
 * the class and property names for every value it reads, and looks it up in a shared map; on
 * the newsroom list (twenty stories with their versions and channels: hundreds of values) that
 * was several percent of the request.
 * <p>
 * Readers are found in graphql-java's order: {@code name()} (records), {@code getName()}, then
 * {@code isName()} (boolean). A map source is read by key. Anything where graphql-java might
 * choose otherwise (a public field, a reader taking the environment, both {@code getName} and
 * {@code isName}, a method it cannot make accessible) is left to graphql-java's
 * {@link PropertyDataFetcher}, so no field answers differently; a reader's exception is thrown
 * as it is.
 */
final class PropertyFetchers implements WiringFactory {

	@Override
	public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
		return new PropertyFetcher(environment.getFieldDefinition().getName());
	}

	/**
	 * Reads one property. A {@link PropertyDataFetcher}, so Spring for GraphQL and tools that
	 * recognise graphql-java's property fetchers (schema inspection, trivial-fetcher checks)
	 * treat it as the default it replaces.
	 */
	static final class PropertyFetcher extends PropertyDataFetcher<Object> {

		private final String property;

		private final ClassValue<@Nullable Method> readers = new ClassValue<>() {
			@Override
			protected @Nullable Method computeValue(Class<?> type) {
				return reader(type, property);
			}
		};

		PropertyFetcher(String property) {
			super(property);
			this.property = property;
		}

		@Override
		public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment)
				throws Exception {
			if (source == null || source instanceof Map) {
				return super.get(field, source, environment);
			}
			Method reader = readers.get(source.getClass());
			if (reader == null) {
				return super.get(field, source, environment);
			}
			try {
				return reader.invoke(source);
			}
			catch (InvocationTargetException ex) {
				throw PropertyFetchers.<RuntimeException>unchecked(ex.getCause() != null ? ex.getCause() : ex);
			}
		}

		@Override
		public Object get(DataFetchingEnvironment environment) {
			try {
				return get(environment.getFieldDefinition(), environment.getSource(), () -> environment);
			}
			catch (Exception ex) {
				throw PropertyFetchers.<RuntimeException>unchecked(ex);
			}
		}

	}

	/**
	 * The no-argument method that reads this property of the type, if one can be called and
	 * graphql-java would call the same: where it might choose otherwise (a {@code getName} and an
	 * {@code isName} both, or a reader taking the {@code DataFetchingEnvironment}), none, and the
	 * field is left to graphql-java.
	 */
	static @Nullable Method reader(Class<?> type, String property) {
		String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
		for (String name : new String[] { property, "get" + capitalized, "is" + capitalized }) {
			if (method(type, name, DataFetchingEnvironment.class) != null) {
				return null;
			}
		}
		Method getter = method(type, property);
		if (getter == null) {
			Method get = method(type, "get" + capitalized);
			Method is = method(type, "is" + capitalized);
			if (get != null && is != null) {
				return null;
			}
			getter = get != null ? get
					: is != null && (is.getReturnType() == boolean.class || is.getReturnType() == Boolean.class) ? is : null;
		}
		if (getter == null || getter.getReturnType() == void.class || Modifier.isStatic(getter.getModifiers())) {
			return null;
		}
		return getter.trySetAccessible() ? getter : null;
	}

	/** Throws what the reader threw, as it is, as graphql-java's own fetcher does. */
	@SuppressWarnings("unchecked")
	private static <T extends Throwable> T unchecked(Throwable thrown) throws T {
		throw (T) thrown;
	}

	private static @Nullable Method method(Class<?> type, String name, Class<?>... parameters) {
		try {
			return type.getMethod(name, parameters);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
