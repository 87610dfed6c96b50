import { ManagedIdentityCredential } from "@azure/identity";
import { useAzureMonitor } from "@azure/monitor-opentelemetry";
import { NodeSDK } from "@opentelemetry/sdk-node";

/** Which exporter this process uses: Application Insights in Azure, OTLP when asked for, else none. */
export type TelemetryExport = "azure-monitor" | "otlp" | "none";

let started: TelemetryExport | undefined;

/**
 * Starts the OpenTelemetry SDK once per process. In Azure (APPLICATIONINSIGHTS_CONNECTION_STRING) it
 * exports to Application Insights with no automatic instrumentation: the Functions host already
 * records each invocation and its HTTP request, so only this app's own spans (intake, stages,
 * Microsoft 365 calls) and metrics are added, and nothing is counted twice. Elsewhere it exports only
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set (the SDK reads the OTEL_* settings itself).
 */
export function startTelemetry(env: Readonly<Record<string, string | undefined>> = process.env): TelemetryExport {
  if (started) return started;
  if (env.APPLICATIONINSIGHTS_CONNECTION_STRING) {
    // Local auth is off on the Application Insights resource (infra/): send with the app's identity, as the host does.
    const entra = /Authorization=AAD/i.test(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING ?? "");
    const credential = entra ? new ManagedIdentityCredential(env.AZURE_CLIENT_ID ? { clientId: env.AZURE_CLIENT_ID } : {}) : undefined;
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING, ...(credential ? { credential } : {}) },
      instrumentationOptions: { http: { enabled: false }, azureSdk: { enabled: false } },
      enableLiveMetrics: false,
    });
    started = "azure-monitor";
  } else if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    new NodeSDK({ instrumentations: [] }).start();
    started = "otlp";
  } else started = "none";
  return started;
}
