package cn.mediagraph.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ingest/metrics}: a platform export of samples, streamed into the caller's center;
 * editors and admins. NDJSON by default ({@code application/x-ndjson}), CSV with a header row
 * when the content type is {@code text/csv}. Answers
 * {@code {accepted, duplicates, rejected, errors: [{line, field, code, reason}]}}.
 */
@RestController
class MetricImportController {

	private final MetricImport importer;

	MetricImportController(MetricImport importer) {
		this.importer = importer;
	}

	@PostMapping(path = "/ingest/metrics", produces = "application/json")
	MetricImport.Summary ingest(HttpServletRequest request) throws IOException {
		String type = request.getContentType();
		boolean csv = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv");
		try (Reader body = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
			return importer.importFrom(new BufferedReader(body, 64 * 1024), csv);
		}
	}

}
