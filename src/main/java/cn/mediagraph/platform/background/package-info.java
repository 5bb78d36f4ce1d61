/**
 * Work run in the background on request, one job at a time, with its status kept per key (a
 * center): rebuilds of derived data.
 */
@org.jspecify.annotations.NullMarked
package cn.mediagraph.platform.background;
