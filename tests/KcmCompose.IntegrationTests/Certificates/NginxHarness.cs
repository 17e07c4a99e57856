using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Certificates;

/// <summary>Runs one real nginx (as the test user, everything under a temp folder, 127.0.0.1 only) and stops it.</summary>
internal sealed class NginxHarness : IDisposable
{
    private readonly string nginx;
    private readonly string folder;
    private bool started;

    public NginxHarness(string nginx, string folder)
    {
        this.nginx = nginx;
        this.folder = folder;
        Directory.CreateDirectory(Path.Combine(folder, "tmp"));
    }

    public string ConfigPath => Path.Combine(folder, "nginx.conf");

    public string ErrorLog => Path.Combine(folder, "error.log");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>An http block around <paramref name="servers"/>, with every path under the temp folder.</summary>
    public string Config(string servers)
    {
        var t = Path.Combine(folder, "tmp");
        return string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 1;
            pid {{Path.Combine(folder, "nginx.pid")}};
            error_log {{ErrorLog}} info;
            events { worker_connections 256; }
            http {
              access_log off;
              client_body_temp_path {{t}}/body; proxy_temp_path {{t}}/proxy; fastcgi_temp_path {{t}}/fastcgi;
              uwsgi_temp_path {{t}}/uwsgi; scgi_temp_path {{t}}/scgi;
              default_type text/plain;
            {{servers}}
            }
            """);
    }

    public static string Server(int port, string certificate, string key, string? clientCa, int depth, string verify = "on") =>
        string.Create(CultureInfo.InvariantCulture, $$"""
              server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{certificate}};
                ssl_certificate_key {{key}};
                {{(clientCa is null ? string.Empty : $"ssl_client_certificate {clientCa};")}}
                ssl_verify_client {{verify}};
                ssl_verify_depth {{depth}};
                location / { return 200 "ok $ssl_client_verify\n"; }
              }

            """);

    /// <summary><c>nginx -t</c> on a config; the result says whether nginx would start.</summary>
    public ProcessResult Test(string configPath) =>
        ProcessRunner.Run(nginx, ["-t", "-c", configPath, "-e", ErrorLog], timeout: TimeSpan.FromSeconds(30));

    public void Start(string config, IEnumerable<int> ports)
    {
        File.WriteAllText(ConfigPath, config, new UTF8Encoding(false));
        var result = ProcessRunner.Run(nginx, ["-c", ConfigPath, "-e", ErrorLog], timeout: TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx did not start: {result}");
        }

        started = true;
        foreach (var port in ports)
        {
            WaitForPort(port);
        }
    }

    public string LogTail(int lines = 5)
    {
        if (!File.Exists(ErrorLog))
        {
            return string.Empty;
        }

        return string.Join('\n', File.ReadAllLines(ErrorLog).TakeLast(lines));
    }

    public void Dispose()
    {
        if (started)
        {
            started = false;
            ProcessRunner.Run(nginx, ["-c", ConfigPath, "-e", ErrorLog, "-s", "stop"], timeout: TimeSpan.FromSeconds(30));
        }
    }

    private static void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }
}
