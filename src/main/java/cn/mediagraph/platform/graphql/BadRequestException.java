package cn.mediagraph.platform.graphql;

/** The request itself is malformed (bad arguments): reported as a BAD_REQUEST error. */
public class BadRequestException extends RuntimeException {

	public BadRequestException(String message) {
		super(message);
	}

}
