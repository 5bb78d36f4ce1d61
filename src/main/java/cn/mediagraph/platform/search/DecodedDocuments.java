package cn.mediagraph.platform.search;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The documents last read from the index, decoded, by key and version: the newest stories are
 * on every newsroom screen, and decompressing and decoding their stored copies was most of the
 * cost of a page. A version changes with every write, so an entry is never stale; the map is
 * bounded, and past its bound it forgets a tenth of its entries, whichever they are.
 */
final class DecodedDocuments {

	private record Entry(long version, Object document) {
	}

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final int capacity;

	DecodedDocuments(int capacity) {
		this.capacity = capacity;
	}

	@SuppressWarnings("unchecked")
	<T> T get(String key, long version, Supplier<T> decode) {
		Entry entry = entries.get(key);
		if (entry != null && entry.version() == version) {
			return (T) entry.document();
		}
		T document = decode.get();
		if (entries.size() >= capacity) {
			forgetSome();
		}
		entries.put(key, new Entry(version, document));
		return document;
	}

	private void forgetSome() {
		Iterator<String> keys = entries.keySet().iterator();
		for (int i = 0; i < capacity / 10 && keys.hasNext(); i++) {
			keys.next();
			keys.remove();
		}
	}

}
