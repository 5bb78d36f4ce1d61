/** Text as the platform stores it: the same rules for every feature. */
@NullMarked
package cn.mediagraph.platform.text;

import org.jspecify.annotations.NullMarked;
