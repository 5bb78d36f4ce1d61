package cn.mediagraph.channel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ChannelIntegrationTests {

	@Autowired
	GraphQlClients clients;

	record Err(List<String> field, String code, String message) {
	}

	record ChannelView(String id, String name, String platform, String medium, String handle, boolean active,
			Integer maxPostsPerDay) {
	}

	record Payload(ChannelView channel, List<Err> userErrors) {

		List<String> fields() {
			return userErrors.stream().map(e -> String.join(".", e.field())).toList();
		}

	}

	record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	record Edge(String cursor, ChannelView node) {
	}

	record Page(long totalCount, PageInfo pageInfo, List<Edge> edges) {

		List<String> names() {
			return edges.stream().map(e -> e.node().name()).toList();
		}

	}

	private static Payload mutate(GraphQlTester tester, String mutation, Map<String, ?> input) {
		return tester.documentName(mutation).variable("input", input).execute().path(mutation).entity(Payload.class).get();
	}

	private static Payload create(GraphQlTester tester, String name, String platform, String medium) {
		return mutate(tester, "createChannel", Map.of("name", name, "platform", platform, "medium", medium));
	}

	private static Page page(GraphQlTester tester, Map<String, Object> variables) {
		return tester.documentName("channels").variables(variables).execute().path("channels").entity(Page.class).get();
	}

	@Test
	void createReadUpdateDeactivate() {
		TestCenter center = clients.newCenter();
		Payload created = mutate(center.as(Role.ADMIN), "createChannel", Map.of("name", " 共和县融媒抖音号 ", "platform",
				"DOUYIN", "medium", "SHORT_VIDEO", "handle", "@gonghe", "maxPostsPerDay", 10));
		assertThat(created.userErrors()).isEmpty();
		assertThat(created.channel()).extracting(ChannelView::name, ChannelView::active, ChannelView::maxPostsPerDay)
			.containsExactly("共和县融媒抖音号", true, 10);
		String id = created.channel().id();

		center.as(Role.REPORTER).documentName("channel").variable("id", id).execute()
			.path("channel.handle").entity(String.class).isEqualTo("@gonghe")
			.path("node.name").entity(String.class).isEqualTo("共和县融媒抖音号");

		Payload updated = mutate(center.as(Role.CHIEF_EDITOR), "updateChannel",
				Map.of("id", id, "name", "共和抖音", "handle", "", "maxPostsPerDay", 20));
		assertThat(updated.channel()).extracting(ChannelView::name, ChannelView::handle, ChannelView::maxPostsPerDay,
				ChannelView::platform).containsExactly("共和抖音", null, 20, "DOUYIN");

		Payload deactivated = mutate(center.as(Role.ADMIN), "deactivateChannel", Map.of("id", id));
		assertThat(deactivated.channel().active()).isFalse();
		assertThat(page(center.as(Role.ANALYST), Map.of("filter", Map.of("active", true))).names()).isEmpty();
		assertThat(page(center.as(Role.ANALYST), Map.of("filter", Map.of("active", false))).names()).containsExactly("共和抖音");
	}

	@Test
	void invalidInputIsReportedFieldByFieldAndNothingIsWritten() {
		TestCenter center = clients.newCenter();
		Payload bad = mutate(center.as(Role.ADMIN), "createChannel", Map.of("name", " ", "platform", "TV", "medium",
				"BROADCAST", "handle", "x".repeat(201), "maxPostsPerDay", 0));
		assertThat(bad.channel()).isNull();
		assertThat(bad.fields()).containsExactlyInAnyOrder("input.name", "input.handle", "input.maxPostsPerDay");

		Payload misfit = create(center.as(Role.ADMIN), "电视", "TV", "SHORT_VIDEO");
		assertThat(misfit.userErrors()).extracting(Err::code).containsExactly("INVALID");
		assertThat(misfit.fields()).containsExactly("input.medium");

		assertThat(create(center.as(Role.ADMIN), "电视", "TV", "BROADCAST").userErrors()).isEmpty();
		Payload again = create(center.as(Role.ADMIN), "电视", "RADIO", "BROADCAST");
		assertThat(again.userErrors()).extracting(Err::code).containsExactly("TAKEN");
		assertThat(page(center.as(Role.ADMIN), Map.of()).totalCount()).isEqualTo(1);

		String radio = create(center.as(Role.ADMIN), "广播", "RADIO", "BROADCAST").channel().id();
		assertThat(mutate(center.as(Role.ADMIN), "updateChannel", Map.of("id", radio, "name", "电视")).userErrors())
			.extracting(Err::code).containsExactly("TAKEN");
		assertThat(mutate(center.as(Role.ADMIN), "updateChannel", Map.of("id", radio, "platform", "DOUYIN")).fields())
			.containsExactly("input.medium");
		assertThat(mutate(center.as(Role.ADMIN), "updateChannel", Map.of("id", "bm9wZQ", "name", "x")).userErrors())
			.extracting(Err::code).containsExactly("NOT_FOUND");
	}

	@Test
	void onlyAdminsAndTheChiefEditorManageChannels() {
		TestCenter center = clients.newCenter();
		for (Role role : List.of(Role.REPORTER, Role.EDITOR, Role.SENIOR_EDITOR, Role.ANALYST)) {
			center.as(role).documentName("createChannel")
				.variable("input", Map.of("name", "x", "platform", "TV", "medium", "BROADCAST"))
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType()).containsExactly(ErrorType.FORBIDDEN));
		}
		assertThat(create(center.as(Role.CHIEF_EDITOR), "报纸", "NEWSPAPER", "PRINT").userErrors()).isEmpty();
	}

	@Test
	void filtersAndPagingBothWaysByName() {
		TestCenter center = clients.newCenter();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			String name = "渠道" + (char) ('A' + i);
			names.add(name);
			boolean video = i % 3 == 0;
			create(center.as(Role.ADMIN), name, video ? "DOUYIN" : "WEBSITE", video ? "SHORT_VIDEO" : "WEB");
		}
		GraphQlTester reader = center.as(Role.REPORTER);
		assertThat(page(reader, Map.of("filter", Map.of("platform", "DOUYIN"))).names()).containsExactly("渠道A", "渠道D", "渠道G", "渠道J");
		assertThat(page(reader, Map.of("filter", Map.of("medium", "WEB"))).totalCount()).isEqualTo(7);

		List<String> forward = new ArrayList<>();
		Map<String, Object> variables = new HashMap<>(Map.of("first", 4));
		Page current;
		do {
			current = page(reader, variables);
			forward.addAll(current.names());
			variables.put("after", current.pageInfo().endCursor());
		}
		while (current.pageInfo().hasNextPage());
		assertThat(forward).isEqualTo(names);
		assertThat(current.pageInfo().hasPreviousPage()).isTrue();

		List<String> backward = new ArrayList<>();
		variables = new HashMap<>(Map.of("last", 3));
		do {
			current = page(reader, variables);
			backward.addAll(0, current.names());
			variables.put("before", current.pageInfo().startCursor());
		}
		while (current.pageInfo().hasPreviousPage());
		assertThat(backward).isEqualTo(names);
	}

	@Test
	void anotherCentersChannelsDoNotExistForYou() {
		TestCenter a = clients.newCenter();
		TestCenter b = clients.newCenter();
		String id = create(a.as(Role.ADMIN), "甲县电视台", "TV", "BROADCAST").channel().id();

		b.as(Role.ADMIN).documentName("channel").variable("id", id).execute()
			.path("channel").valueIsNull()
			.path("node").valueIsNull();
		assertThat(mutate(b.as(Role.ADMIN), "updateChannel", Map.of("id", id, "name", "乙")).userErrors())
			.extracting(Err::code).containsExactly("NOT_FOUND");
		assertThat(mutate(b.as(Role.ADMIN), "deactivateChannel", Map.of("id", id)).userErrors())
			.extracting(Err::code).containsExactly("NOT_FOUND");
		assertThat(page(b.as(Role.ADMIN), Map.of()).totalCount()).isZero();
		// the name is free in the other center
		assertThat(create(b.as(Role.ADMIN), "甲县电视台", "TV", "BROADCAST").userErrors()).isEmpty();
		a.as(Role.ANALYST).documentName("channel").variable("id", id).execute().path("channel.active").entity(Boolean.class).isEqualTo(true);
	}

}
