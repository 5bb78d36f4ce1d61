@org.jspecify.annotations.NullMarked
package cn.mediagraph.story.feed;
