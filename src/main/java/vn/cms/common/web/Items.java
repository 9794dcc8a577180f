package vn.cms.common.web;

import java.util.List;

/** An unpaged collection: {@code {"items": [...]}}. */
public record Items<T>(List<T> items) {
}
