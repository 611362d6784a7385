# TownLake service image: builds the .NET service and its bundled UI (npm) and runs it on port 8080.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Catalog -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The image listens on every interface, so it starts in a team mode: JWT, which refuses to start until it is given
# TownLake__Auth__Authority (or TownLake__Auth__SigningKey, Issuer, Audience), or switch to TownLake__Auth__Mode=header
# behind an authenticating proxy (see README "Security"). Local mode (everyone is admin) is refused on 0.0.0.0.
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    TownLake__DataDirectory=/var/lib/townlake \
    TownLake__Auth__Mode=jwt
VOLUME /var/lib/townlake
EXPOSE 8080
ENTRYPOINT ["dotnet", "TownLake.Catalog.dll"]
