/**
 * Cross-cutting infrastructure every feature stands on: the store and tenancy ({@code mongo}),
 * sign-in and roles ({@code security}), GraphQL plumbing ({@code graphql}) and mapping
 * conventions ({@code mapping}). It knows no feature.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package cn.mediagraph.platform;
