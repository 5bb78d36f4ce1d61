package cn.mediagraph.story;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /import/stories}: an archive as NDJSON (one story per line, UTF-8), streamed into
 * the caller's center; editors and up. Answers what happened:
 * {@code {accepted, duplicates, rejectedLines, rejected: [{line, field, code, message}]}}.
 */
@RestController
class StoryImportController {

	private final StoryImport importer;

	StoryImportController(StoryImport importer) {
		this.importer = importer;
	}

	@PostMapping(path = "/import/stories", produces = "application/json")
	StoryImport.Summary importStories(HttpServletRequest request) throws IOException {
		try (Reader body = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
			return importer.importFrom(new java.io.BufferedReader(body, 64 * 1024));
		}
	}

}
