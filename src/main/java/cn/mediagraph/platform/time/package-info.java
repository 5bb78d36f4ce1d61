/** The app's one clock, which tests can move. */
@NullMarked
package cn.mediagraph.platform.time;

import org.jspecify.annotations.NullMarked;
