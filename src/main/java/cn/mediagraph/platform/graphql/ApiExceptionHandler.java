package cn.mediagraph.platform.graphql;

import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Maps each exception condition to one error classification, once for the whole graph.
 * Anything unexpected is logged with an id and reaches the client as a masked INTERNAL_ERROR
 * carrying only that id: never a stack trace or an exception's text.
 */
@ControllerAdvice
class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	@GraphQlExceptionHandler
	GraphQLError notFound(NotFoundException ex, DataFetchingEnvironment env) {
		return error(env, ErrorType.NOT_FOUND, ex.getMessage());
	}

	@GraphQlExceptionHandler
	GraphQLError badRequest(BadRequestException ex, DataFetchingEnvironment env) {
		return error(env, ErrorType.BAD_REQUEST, ex.getMessage());
	}

	@GraphQlExceptionHandler
	GraphQLError unauthenticated(AuthenticationException ex, DataFetchingEnvironment env) {
		return error(env, ErrorType.UNAUTHORIZED, "Sign in first: send Authorization: Bearer <token from login>");
	}

	@GraphQlExceptionHandler
	GraphQLError denied(AccessDeniedException ex, DataFetchingEnvironment env) {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || trust.isAnonymous(authentication)) {
			return error(env, ErrorType.UNAUTHORIZED, "Sign in first: send Authorization: Bearer <token from login>");
		}
		return error(env, ErrorType.FORBIDDEN, "Your roles do not allow this");
	}

	@GraphQlExceptionHandler
	GraphQLError unexpected(Exception ex, DataFetchingEnvironment env) {
		String errorId = UUID.randomUUID().toString();
		log.error("Unexpected error {} at {}", errorId, env.getExecutionStepInfo().getPath(), ex);
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.INTERNAL_ERROR)
			.message("Internal error " + errorId + ": the server logged the details")
			.extensions(java.util.Map.of("errorId", errorId))
			.build();
	}

	private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, String message) {
		return GraphqlErrorBuilder.newError(env).errorType(type).message(message).build();
	}

}
