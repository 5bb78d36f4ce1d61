package cn.mediagraph.platform.search;

import java.io.Reader;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How newsroom text is cut into searchable terms. Chinese has no spaces, so Han (and kana,
 * hangul) text becomes overlapping character bigrams; a query of any length is then a phrase of
 * its bigrams, which finds exactly the texts that contain it (铜川 finds 铜川, never 铜 … 川).
 * Single characters are indexed too, so a one-character query works. Latin words are folded
 * for case and width (ＡＢＣ, abc and ABC are one word); Tibetan splits into syllables at the
 * tsheg, per Unicode word rules, so a Tibetan word is a phrase of its syllables.
 */
public final class NewsAnalyzer extends Analyzer {

	private static final int SCRIPTS = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
			| CJKBigramFilter.HANGUL;

	private NewsAnalyzer() {
	}

	/**
	 * The analyzer of indexed text and of queries alike (a query picks, per position, the
	 * tokens it needs: see {@link SearchQueries#phrase(java.util.Map, String)}).
	 */
	public static NewsAnalyzer forIndexing() {
		return new NewsAnalyzer();
	}

	@Override
	protected Reader initReader(String fieldName, Reader reader) {
		return new CJKWidthCharFilter(reader);
	}

	@Override
	protected TokenStreamComponents createComponents(String fieldName) {
		Tokenizer source = new StandardTokenizer();
		TokenStream stream = new LowerCaseFilter(source);
		stream = new CJKBigramFilter(stream, SCRIPTS, true);
		return new TokenStreamComponents(source, stream);
	}

	@Override
	protected TokenStream normalize(String fieldName, TokenStream in) {
		return new LowerCaseFilter(in);
	}

}
