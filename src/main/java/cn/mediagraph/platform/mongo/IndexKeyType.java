package cn.mediagraph.platform.mongo;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store keeps the keys of its unique indexes ({@code _id}, {@code (_id,
 * tenantId)} …): each value of a key in MVStore's own compact encoding, and keys compared value
 * by value. MVStore's default for such keys Java-serializes them, and compares two keys it does
 * not know by serializing both: a lookup among 100,000 documents (about 17 comparisons)
 * serializes about 34 keys, and a profile of metric ingestion spent 29% of the store's time there.
 * <p>
 * The order differs from the default's, so the maps of these keys have their own names and are
 * built from the documents when first opened ({@link IdLookupH2Database}).
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

	/** Values of known types (strings, numbers …) compare and encode natively; others as before. */
	private final ObjectDataType values = new ObjectDataType();

	@Override
	public int getMemory(KeyValue key) {
		int memory = 24;
		for (Object value : key) {
			memory += values.getMemory(value);
		}
		return memory;
	}

	@Override
	public void write(WriteBuffer buffer, KeyValue key) {
		buffer.putVarInt(key.size());
		for (Object value : key) {
			values.write(buffer, value);
		}
	}

	@Override
	public KeyValue read(ByteBuffer buffer) {
		int size = DataUtils.readVarInt(buffer);
		Object[] read = new Object[size];
		for (int i = 0; i < size; i++) {
			read[i] = values.read(buffer);
		}
		return new KeyValue(read);
	}

	@Override
	public int compare(KeyValue a, KeyValue b) {
		if (a == b) {
			return 0;
		}
		int common = Math.min(a.size(), b.size());
		for (int i = 0; i < common; i++) {
			int order = values.compare(a.get(i), b.get(i));
			if (order != 0) {
				return order;
			}
		}
		return Integer.compare(a.size(), b.size());
	}

	@Override
	public KeyValue[] createStorage(int size) {
		return new KeyValue[size];
	}

}
