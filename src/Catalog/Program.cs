var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();

/// <summary>The service's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
