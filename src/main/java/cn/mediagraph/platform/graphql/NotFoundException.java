package cn.mediagraph.platform.graphql;

/**
 * Nothing the caller may see has this id: reported as NOT_FOUND. Another tenant's ids raise
 * it too, so they cannot be told apart from ids that never existed.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
