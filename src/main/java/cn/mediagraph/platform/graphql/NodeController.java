package cn.mediagraph.platform.graphql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** {@code node(id)} and {@code nodes(ids)}: any object by its global id, one query per type. */
@Controller
class NodeController {

	private static final int MAX_IDS = 100;

	private final Map<String, NodeResolver> resolvers = new HashMap<>();

	NodeController(List<NodeResolver> resolvers) {
		resolvers.forEach(resolver -> this.resolvers.put(resolver.typeName(), resolver));
	}

	@QueryMapping
	@PreAuthorize("isAuthenticated()")
	@Nullable Object node(@Argument String id) {
		return nodes(List.of(id)).get(0);
	}

	@QueryMapping
	@PreAuthorize("isAuthenticated()")
	List<@Nullable Object> nodes(@Argument List<String> ids) {
		if (ids.size() > MAX_IDS) {
			throw new BadRequestException("At most " + MAX_IDS + " ids at once");
		}
		List<Optional<GlobalId.Parts>> parsed = ids.stream().map(GlobalId::decode).toList();
		Map<String, Map<String, Object>> found = findByType(parsed);
		List<@Nullable Object> result = new ArrayList<>(ids.size());
		for (Optional<GlobalId.Parts> parts : parsed) {
			result.add(parts.map(p -> found.getOrDefault(p.typeName(), Map.of()).get(p.rawId())).orElse(null));
		}
		return result;
	}

	private Map<String, Map<String, Object>> findByType(List<Optional<GlobalId.Parts>> parsed) {
		Map<String, Collection<String>> idsByType = new LinkedHashMap<>();
		parsed.stream()
			.flatMap(Optional::stream)
			.filter(parts -> resolvers.containsKey(parts.typeName()))
			.forEach(parts -> idsByType.computeIfAbsent(parts.typeName(), type -> new LinkedHashSet<>())
				.add(parts.rawId()));
		Map<String, Map<String, Object>> found = new HashMap<>();
		idsByType.forEach((type, rawIds) -> found.put(type, resolvers.get(type).findAll(rawIds)));
		return found;
	}

}
