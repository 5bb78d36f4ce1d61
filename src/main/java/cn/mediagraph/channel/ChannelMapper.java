package cn.mediagraph.channel;

import java.time.Instant;

import cn.mediagraph.channel.ChannelInputs.CreateChannelInput;
import cn.mediagraph.platform.mapping.MappingConfig;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper(config = MappingConfig.class)
interface ChannelMapper {

	@Mapping(target = "name", expression = "java(input.name().strip())")
	@Mapping(target = "handle", expression = "java(ChannelService.blankToNull(input.handle()))")
	@Mapping(target = "active", constant = "true")
	@Mapping(target = "createdAt", source = "now")
	@Mapping(target = "updatedAt", source = "now")
	Channel toChannel(CreateChannelInput input, String id, String tenantId, Instant now);

}
