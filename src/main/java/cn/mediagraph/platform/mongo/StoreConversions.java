package cn.mediagraph.platform.mongo;

import java.util.List;

/**
 * Converters a feature adds to the mapping of its documents (Spring Data's {@code @ReadingConverter}
 * and {@code @WritingConverter} instances), for a value whose stored form is not the mapper's
 * field-by-field one. Declare it as a bean; {@link StoreConversionsConfiguration} registers every one.
 */
public interface StoreConversions {

	List<?> converters();

}
