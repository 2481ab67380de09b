-- Voucher claims from distinct users: one pre-minted token per user, read from a file.
local tokens = {}
local counter = 0
local path = ""
local body = ""
function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  path = args[2]
  body = args[3]
  counter = tonumber(args[4]) or 0
end
function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  return wrk.format("POST", path, {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
