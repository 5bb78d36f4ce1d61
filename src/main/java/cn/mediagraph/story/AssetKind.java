package cn.mediagraph.story;

/** The kind of a {@link MediaAsset}. */
public enum AssetKind {

	/** A video clip. */
	VIDEO,
	/** A photo. */
	PHOTO,
	/** An audio clip. */
	AUDIO

}
