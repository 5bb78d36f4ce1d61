/**
 * The editorial review (三审): submitting stories, the three levels of review with their
 * decisions on record, the review queue, and publishing, withdrawing and archiving. Depends on
 * {@code story} (whose documents carry the review state and trail); {@code story} never
 * depends on it.
 */
@org.jspecify.annotations.NullMarked
package cn.mediagraph.review;
