package cn.mediagraph.platform.graphql;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A page's total or facets, read twice (once by the shortcut, once by the engine), is counted once. */
class LazilyTests {

	@Test
	void computesOnFirstReadAndKeepsTheValue() {
		AtomicInteger counts = new AtomicInteger();
		IntSupplier total = Lazily.ofInt(() -> counts.incrementAndGet() * 10);

		assertThat(counts).hasValue(0);
		assertThat(total.getAsInt()).isEqualTo(10);
		assertThat(total.getAsInt()).isEqualTo(10);
		assertThat(counts).hasValue(1);
	}

	@Test
	void keepsAFailureTooSoATimedOutCountIsNotRunAgain() {
		AtomicInteger tries = new AtomicInteger();
		Supplier<String> facets = Lazily.of(() -> {
			tries.incrementAndGet();
			throw new IllegalStateException("operation exceeded time limit");
		});

		assertThatThrownBy(facets::get).hasMessage("operation exceeded time limit");
		assertThatThrownBy(facets::get).hasMessage("operation exceeded time limit");
		assertThat(tries).hasValue(1);
	}

	@Test
	void keepsANullAndDoesNotWrapTwice() {
		AtomicInteger reads = new AtomicInteger();
		Supplier<Object> highlight = Lazily.of(() -> {
			reads.incrementAndGet();
			return null;
		});

		assertThat(highlight.get()).isNull();
		assertThat(highlight.get()).isNull();
		assertThat(reads).hasValue(1);
		assertThat(Lazily.of(highlight)).isSameAs(highlight);
	}

}
