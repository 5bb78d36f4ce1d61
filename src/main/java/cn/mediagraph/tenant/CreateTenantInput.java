package cn.mediagraph.tenant;

import org.jspecify.annotations.Nullable;

record CreateTenantInput(@Nullable String slug, @Nullable String name, @Nullable String timeZone) {
}
