package cn.mediagraph.platform.mongo;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store keeps documents on disk: as BSON, the form they arrive and leave in.
 * MVStore's default Java-serializes them (class descriptors and all, for every document of
 * every page written at each commit); that serialization dominated a profile of story saves.
 * <p>
 * Documents written before are still read: a value begins with a tag, and a tag other than
 * {@link #BSON} is the default's ({@link ObjectDataType}, whose tags end below 120). A document
 * holding a value BSON cannot carry (none should) is written the old way rather than lost.
 * Old documents take the new form as they are rewritten; nothing has to be converted at once.
 */
final class DocumentType extends BasicDataType<Document> {

	/** The tag of a BSON value: unused by {@link ObjectDataType}. */
	static final int BSON = 0xB5;

	private final ObjectDataType legacy = new ObjectDataType();

	@Override
	public int getMemory(Document document) {
		return 48 + estimate(document);
	}

	/** A rough size in memory (MVStore sizes its pages and cache by it), without encoding. */
	private static int estimate(Object value) {
		if (value instanceof Map<?, ?> map) {
			int size = 64;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				size += 48 + estimate(entry.getKey()) + estimate(entry.getValue());
			}
			return size;
		}
		if (value instanceof Collection<?> list) {
			int size = 40;
			for (Object item : list) {
				size += 8 + estimate(item);
			}
			return size;
		}
		if (value instanceof String text) {
			return 48 + text.length() * 2;
		}
		if (value instanceof byte[] bytes) {
			return 24 + bytes.length;
		}
		if (value instanceof BinData binary) {
			// binary values arrive as BinData: counted as 24 bytes each, a reach state's packed
			// series or a batch's compressed samples let the cache hold several times its bound
			return 40 + binary.getData().length;
		}
		return 24;
	}

	@Override
	public void write(WriteBuffer buffer, Document document) {
		ByteBuf bson = Unpooled.buffer(256);
		try {
			BsonEncoder.encodeDocument(document, bson);
		}
		catch (IllegalArgumentException ex) {
			bson.release();
			legacy.write(buffer, document);
			return;
		}
		int length = bson.readableBytes();
		buffer.put((byte) BSON).putVarInt(length).put(bson.nioBuffer(0, length));
		bson.release();
	}

	@Override
	public Document read(ByteBuffer buffer) {
		int tag = buffer.get(buffer.position()) & 0xff;
		if (tag != BSON) {
			return (Document) legacy.read(buffer);
		}
		buffer.get();
		int length = DataUtils.readVarInt(buffer);
		ByteBuffer slice = buffer.slice();
		slice.limit(length);
		buffer.position(buffer.position() + length);
		return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
	}

	@Override
	public Document[] createStorage(int size) {
		return new Document[size];
	}

}
