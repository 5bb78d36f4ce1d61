package cn.mediagraph.story;

import cn.mediagraph.platform.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * The three levels of review (三审) a story passes before it may be published, each with the
 * role that acts at it: first review by an editor (初审), second by a senior editor or
 * department head (复审), final by the chief editor (终审).
 */
public enum ReviewLevel {

	/** 初审: editors and up. */
	FIRST(Role.EDITOR),
	/** 复审: senior editors and up. */
	SECOND(Role.SENIOR_EDITOR),
	/** 终审: the chief editor. */
	FINAL(Role.CHIEF_EDITOR);

	private final Role role;

	ReviewLevel(Role role) {
		this.role = role;
	}

	/** The least role that acts at this level; every role above it in the hierarchy may too. */
	public Role role() {
		return role;
	}

	/** The level an approval here sends the story to; null after the final one. */
	public @Nullable ReviewLevel next() {
		return switch (this) {
			case FIRST -> SECOND;
			case SECOND -> FINAL;
			case FINAL -> null;
		};
	}

}
