package cn.mediagraph.demo;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Whether the demo center was loaded to its end: written before loading starts and marked
 * complete at the end, so a first start that is stopped half-way is finished by the next.
 *
 * @param id always {@link #ID}
 * @param complete whether every step ran and the passwords were shown
 * @param startedAt when loading first started
 * @param completedAt when it completed
 */
@Document(DemoState.COLLECTION)
record DemoState(@Id String id, boolean complete, Instant startedAt, @Nullable Instant completedAt) {

	static final String COLLECTION = "demo_state";

	static final String ID = "demo";

}
