package cn.mediagraph.platform.graphql;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A value computed on first use and kept, failure included: a page's total, its facet counts,
 * an edge's highlight. They are read as properties of their object, and a property may be read
 * more than once ({@link PlainFieldsExecution} reads an object again through the engine when it
 * steps aside); each is an index query, so the second read must cost nothing. Two threads
 * reading at once may both compute (a request reads its objects on one thread).
 */
public final class Lazily<T extends @Nullable Object> implements Supplier<T> {

	private final Supplier<T> source;

	private volatile @Nullable Outcome<T> outcome;

	private Lazily(Supplier<T> source) {
		this.source = source;
	}

	public static <T extends @Nullable Object> Supplier<T> of(Supplier<T> source) {
		return source instanceof Lazily<T> ? source : new Lazily<>(source);
	}

	public static IntSupplier ofInt(IntSupplier source) {
		Supplier<Integer> once = of(source::getAsInt);
		return once::get;
	}

	public static LongSupplier ofLong(LongSupplier source) {
		Supplier<Long> once = of(source::getAsLong);
		return once::get;
	}

	@Override
	public T get() {
		Outcome<T> known = outcome;
		if (known == null) {
			try {
				known = new Outcome<>(source.get(), null);
			}
			catch (RuntimeException ex) {
				known = new Outcome<>(null, ex);
			}
			outcome = known;
		}
		if (known.failure() != null) {
			throw known.failure();
		}
		return known.value();
	}

	private record Outcome<T extends @Nullable Object>(@Nullable T value, @Nullable RuntimeException failure) {
	}

}
