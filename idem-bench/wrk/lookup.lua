-- wrk script: profile lookups by email over the people identify.lua created. IDEM_KEY is a read key.
local key = os.getenv("IDEM_KEY")
local persons = tonumber(os.getenv("PERSONS") or "50000")
local n = 0

request = function()
  n = n + 1
  local p = (n * 7919) % persons
  return wrk.format("GET", "/v1/profiles?email=persona" .. p .. "%40correo.com.ar",
    {["Authorization"] = "Bearer " .. key})
end
