package cn.mediagraph.story;

/** How the newsroom list is ordered. */
enum StoryOrder {

	/** Newest first. */
	NEWEST,

	/** Best match of the text search first; newest first without one. */
	RELEVANCE

}
