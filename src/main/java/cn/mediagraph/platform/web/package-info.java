@org.jspecify.annotations.NullMarked
package cn.mediagraph.platform.web;
