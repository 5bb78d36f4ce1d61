package cn.mediagraph.platform.observability;

import io.micrometer.observation.Observation;

/**
 * What a {@code graphql.request} observation records of its request, filled in when the
 * response is there; a request that ends without one keeps the defaults.
 */
class GraphQlRequestContext extends Observation.Context {

	private String operationName = OperationNames.UNKNOWN;

	private String operationType = OperationNames.UNKNOWN;

	private String outcome = GraphQlRequestConvention.INTERNAL_ERROR;

	String operationName() {
		return operationName;
	}

	String operationType() {
		return operationType;
	}

	String outcome() {
		return outcome;
	}

	void answered(String operationName, String operationType, String outcome) {
		this.operationName = operationName;
		this.operationType = operationType;
		this.outcome = outcome;
	}

}
