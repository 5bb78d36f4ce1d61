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
 * Readers are found in graphql-java's order for what this code base uses: {@code name()}
 * (records), {@code getName()}, then {@code isName()} (boolean). A map source is read by key. Any
 * other source (a public field, a method it cannot make accessible) is left to graphql-java's
 * {@link PropertyDataFetcher}, so no field answers differently.
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
				throw ex.getCause() instanceof Exception cause ? cause : ex;
			}
		}

		@Override
		public Object get(DataFetchingEnvironment environment) {
			Object source = environment.getSource();
			try {
				return get(environment.getFieldDefinition(), source, () -> environment);
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException("Reading '" + property + "' of " + source.getClass().getName(), ex);
			}
		}

	}

	/** The no-argument method that reads this property of the type, if one can be called. */
	static @Nullable Method reader(Class<?> type, String property) {
		String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
		Method getter = method(type, property);
		if (getter == null) {
			getter = method(type, "get" + capitalized);
		}
		if (getter == null) {
			Method is = method(type, "is" + capitalized);
			getter = is != null && (is.getReturnType() == boolean.class || is.getReturnType() == Boolean.class) ? is
					: null;
		}
		if (getter == null || getter.getReturnType() == void.class || Modifier.isStatic(getter.getModifiers())) {
			return null;
		}
		return getter.trySetAccessible() ? getter : null;
	}

	private static @Nullable Method method(Class<?> type, String name) {
		try {
			return type.getMethod(name);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
