package cn.mediagraph.platform.graphql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

/**
 * {@code DateTime}: an instant written as ISO-8601 with an offset ({@code 2026-08-29T20:00:00+08:00}).
 * Output is in UTC ({@code …Z}); input accepts any offset, never a bare local time, because a
 * county's "day" is not UTC's and guessing the zone would silently shift it.
 */
final class DateTimeScalar {

	static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
		.name("DateTime")
		.description("An instant, ISO-8601 with an offset, e.g. 2026-08-29T20:00:00+08:00")
		.coercing(new InstantCoercing())
		.build();

	private DateTimeScalar() {
	}

	private static final class InstantCoercing implements Coercing<Instant, String> {

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof Instant instant) {
				return instant.toString();
			}
			if (value instanceof OffsetDateTime time) {
				return time.toInstant().toString();
			}
			if (value instanceof ZonedDateTime time) {
				return time.toInstant().toString();
			}
			throw new CoercingSerializeException("Not an instant: " + value.getClass().getSimpleName());
		}

		@Override
		public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof String text) {
				return parse(text, CoercingParseValueException::new);
			}
			throw new CoercingParseValueException("DateTime must be a string like 2026-08-29T20:00:00+08:00");
		}

		@Override
		public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
				Locale locale) {
			if (input instanceof StringValue text) {
				return parse(text.getValue(), CoercingParseLiteralException::new);
			}
			throw new CoercingParseLiteralException("DateTime must be a string like 2026-08-29T20:00:00+08:00");
		}

		/** Older than any archive, later than any plan: outside, date arithmetic would overflow. */
		static final int MIN_YEAR = 1000;

		static final int MAX_YEAR = 9999;

		/** The longest ISO-8601 instant with nanoseconds and an offset, and some room. */
		private static final int MAX_LENGTH = 64;

		private static <E extends RuntimeException> Instant parse(String text,
				java.util.function.Function<String, E> failure) {
			OffsetDateTime time;
			try {
				time = text.length() > MAX_LENGTH ? null : OffsetDateTime.parse(text);
			}
			catch (DateTimeParseException ex) {
				time = null;
			}
			if (time == null) {
				throw failure.apply("DateTime needs a date, a time and an offset, e.g. 2026-08-29T20:00:00+08:00; got '"
						+ (text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text) + "'");
			}
			if (time.getYear() < MIN_YEAR || time.getYear() > MAX_YEAR) {
				throw failure.apply("DateTime must lie between the years " + MIN_YEAR + " and " + MAX_YEAR + "; got '" + text + "'");
			}
			return time.toInstant();
		}

	}

}
